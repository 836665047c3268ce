package io.pgconverge.facts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces passwords in libpq connection strings with {@code (sensitive)}: {@code password=...} in key/value
 * form (plain, quoted, or quoted inside a postgresql.conf string with doubled quotes) and the password part of a
 * {@code postgresql://user:password@host} URI. Works on a whole file's text as well as on one conninfo.
 */
public final class ConninfoMasker {
    public static final String MASK = "(sensitive)";
    private static final Pattern KEY = Pattern.compile("(?<![A-Za-z0-9_])password\\s*=\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern URI_PASSWORD = Pattern.compile("(postgres(?:ql)?://[^:/@\\s'?]*):([^@\\s'/]*)@");

    private ConninfoMasker() {
    }

    public static String mask(String text) {
        String uriMasked = URI_PASSWORD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        StringBuilder out = new StringBuilder();
        Matcher m = KEY.matcher(uriMasked);
        int from = 0;
        while (m.find(from)) {
            int valueStart = m.end();
            int valueEnd = valueEnd(uriMasked, valueStart);
            out.append(uriMasked, from, valueStart).append(MASK);
            from = valueEnd;
            if (from >= uriMasked.length()) {
                break;
            }
        }
        out.append(uriMasked.substring(Math.min(from, uriMasked.length())));
        return out.toString();
    }

    /** Where a password value starting at {@code start} ends (exclusive). */
    private static int valueEnd(String s, int start) {
        if (s.startsWith("''", start)) {
            int close = s.indexOf("''", start + 2);
            return close < 0 ? lineEnd(s, start) : close + 2;
        }
        if (s.startsWith("'", start)) {
            for (int i = start + 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    return i + 1;
                } else if (c == '\n') {
                    return i;
                }
            }
            return s.length();
        }
        int i = start;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "'&#".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static int lineEnd(String s, int from) {
        int nl = s.indexOf('\n', from);
        return nl < 0 ? s.length() : nl;
    }
}
