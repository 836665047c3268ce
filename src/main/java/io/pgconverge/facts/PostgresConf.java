package io.pgconverge.facts;

import java.util.Optional;

/**
 * Reads a parameter from the text of a postgresql.conf-style file (postgresql.conf, postgresql.auto.conf,
 * recovery.conf): {@code name = value} or {@code name value}, values quoted with {@code '} (doubled or
 * backslash-escaped quotes inside) or bare, {@code #} comments. The last assignment wins, as in PostgreSQL.
 */
public final class PostgresConf {
    private PostgresConf() {
    }

    public static Optional<String> lastValue(String text, String name) {
        Optional<String> found = Optional.empty();
        for (String line : text.split("\n")) {
            Optional<String> v = valueOn(line.strip(), name);
            if (v.isPresent()) {
                found = v;
            }
        }
        return found;
    }

    private static Optional<String> valueOn(String line, String name) {
        if (line.length() <= name.length() || !line.regionMatches(true, 0, name, 0, name.length())) {
            return Optional.empty();
        }
        String rest = line.substring(name.length());
        if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0)) && rest.charAt(0) != '=') {
            return Optional.empty();
        }
        rest = rest.strip();
        if (rest.startsWith("=")) {
            rest = rest.substring(1).strip();
        }
        return Optional.of(rest.startsWith("'") ? quoted(rest) : bare(rest));
    }

    private static String quoted(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                out.append(s.charAt(++i));
            } else if (c == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                out.append('\'');
                i++;
            } else if (c == '\'') {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String bare(String s) {
        int hash = s.indexOf('#');
        String v = hash < 0 ? s : s.substring(0, hash);
        return v.strip();
    }
}
