package io.pgconverge.facts;

import java.util.Optional;

/** Reads one keyword's value from a libpq key/value connection string ({@code host=a port=5432 ...}). */
public final class ConninfoKeys {
    private ConninfoKeys() {
    }

    public static Optional<String> value(String conninfo, String key) {
        int i = 0;
        Optional<String> found = Optional.empty();
        while (i < conninfo.length()) {
            while (i < conninfo.length() && Character.isWhitespace(conninfo.charAt(i))) {
                i++;
            }
            int eq = conninfo.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String k = conninfo.substring(i, eq).strip();
            i = eq + 1;
            while (i < conninfo.length() && Character.isWhitespace(conninfo.charAt(i))) {
                i++;
            }
            StringBuilder v = new StringBuilder();
            i = readValue(conninfo, i, v);
            if (k.equals(key)) {
                found = Optional.of(v.toString());
            }
        }
        return found;
    }

    private static int readValue(String s, int start, StringBuilder v) {
        int i = start;
        if (i < s.length() && s.charAt(i) == '\'') {
            for (i++; i < s.length() && s.charAt(i) != '\''; i++) {
                if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                    i++;
                }
                v.append(s.charAt(i));
            }
            return i + 1;
        }
        for (; i < s.length() && !Character.isWhitespace(s.charAt(i)); i++) {
            if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                i++;
            }
            v.append(s.charAt(i));
        }
        return i;
    }
}
