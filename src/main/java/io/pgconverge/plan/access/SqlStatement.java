package io.pgconverge.plan.access;

/**
 * One SQL statement as it is executed and as it is shown. They differ only where a secret (a SCRAM
 * verifier) is part of the statement: {@code shown} has {@code (sensitive)} in its place.
 *
 * @param sql   the statement the executor sends; never printed
 * @param shown the statement for plans, logs and JSON
 */
public record SqlStatement(String sql, String shown) {
    /** A statement without secrets: executed and shown alike. */
    public static SqlStatement of(String sql) {
        return new SqlStatement(sql, sql);
    }

    @Override
    public String toString() {
        return shown;
    }
}
