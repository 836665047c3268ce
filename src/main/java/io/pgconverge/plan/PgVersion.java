package io.pgconverge.plan;

/**
 * Major PostgreSQL versions as the model and facts hold them: {@code 10}..{@code 17}, and 9.5 / 9.6 as
 * {@code 905} / {@code 906} (server_version_num / 100, as {@code ServerFacts.majorVersion()} gives them;
 * {@code 95} / {@code 96} are read the same way).
 */
public final class PgVersion {
    private PgVersion() {
    }

    /** A number that orders versions: 905, 906, 1000, 1100, ... */
    public static int order(int version) {
        if (version == 95 || version == 96) {
            return 900 + version % 10;
        }
        return version >= 900 ? version : version * 100;
    }

    public static boolean atLeast(int version, int major) {
        return order(version) >= order(major);
    }

    /** The version as PostgreSQL writes it in paths and service names: {@code 9.5}, {@code 16}. */
    public static String text(int version) {
        int order = order(version);
        return order < 1000 ? order / 100 + "." + order % 100 : String.valueOf(order / 100);
    }
}
