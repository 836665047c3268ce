package io.pgconverge.facts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL major versions as one int, the way {@link ServerFacts#majorVersion()} counts them: 10 and later
 * by their first number (15 for "15.18"), 9.x as server_version_num / 100 (905 for "9.5.25").
 */
public final class PgVersions {
    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?");

    private PgVersions() {
    }

    /** The major version of a version text such as "15.18", "9.5.25", "9.6" or "16beta1"; empty when none. */
    public static Optional<Integer> majorOf(String version) {
        Matcher m = VERSION.matcher(version.strip());
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        int first = Integer.parseInt(m.group(1));
        if (first >= 10) {
            return Optional.of(first);
        }
        if (m.group(2) == null) {
            return Optional.empty();
        }
        return Optional.of(first * 100 + Integer.parseInt(m.group(2)));
    }

    /** How a major version is written: "15", "9.5". */
    public static String label(int major) {
        return major >= 100 ? major / 100 + "." + major % 100 : Integer.toString(major);
    }
}
