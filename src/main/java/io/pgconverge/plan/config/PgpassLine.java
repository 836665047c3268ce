package io.pgconverge.plan.config;

/** One line of a libpq password file ({@code host:port:database:user:password}), fields escaped. */
public final class PgpassLine {
    private PgpassLine() {
    }

    /** A line for physical replication connections of {@code user} to any host and port. */
    public static String replication(String user, String password) {
        return "*:*:replication:" + escape(user) + ":" + escape(password) + "\n";
    }

    public static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }
}
