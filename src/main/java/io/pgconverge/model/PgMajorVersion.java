package io.pgconverge.model;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL major versions as the ints the model carries ({@link DesiredState#pgVersion()},
 * {@link PgLayout#version()}), in the encoding of {@code ServerFacts.majorVersion()}: 905 and 906 for
 * 9.5 and 9.6, then 10 to 18. The ints do not sort in version order; compare with {@link #atLeast}.
 */
public final class PgMajorVersion {
    public static final int OLDEST = 905;
    public static final int NEWEST = 18;

    private static final Pattern FORM = Pattern.compile("(\\d{1,2})(?:\\.(\\d{1,2}))?");

    private PgMajorVersion() {
    }

    /** "15" -> 15, "9.6" -> 906; anything else (a minor release, "9", "15.2") is empty. */
    public static OptionalInt parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        int major = Integer.parseInt(m.group(1));
        if (major >= 10) {
            return m.group(2) == null ? OptionalInt.of(major) : OptionalInt.empty();
        }
        return m.group(2) == null ? OptionalInt.empty() : OptionalInt.of(major * 100 + Integer.parseInt(m.group(2)));
    }

    /** 906 -> "9.6", 15 -> "15". */
    public static String text(int major) {
        return major >= 100 ? major / 100 + "." + major % 100 : Integer.toString(major);
    }

    /** A number that sorts in version order: 905 -> 905, 10 -> 1000, 17 -> 1700. */
    public static int rank(int major) {
        return major >= 100 ? major : major * 100;
    }

    public static boolean atLeast(int major, int minimum) {
        return rank(major) >= rank(minimum);
    }

    public static boolean isSupported(int major) {
        return rank(major) >= rank(OLDEST) && rank(major) <= rank(NEWEST);
    }
}
