package io.pgconverge.plan.access;

/** Quoting of SQL identifiers and literals: a role named {@code a"b; drop} is just a strange name. */
public final class SqlText {
    private SqlText() {
    }

    /** A double-quoted identifier with embedded quotes doubled. */
    public static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * A string literal with embedded quotes doubled; with backslashes it is an escape string
     * ({@code E'...'}) so that it reads the same whatever standard_conforming_strings says.
     */
    public static String literal(String value) {
        String quoted = value.replace("'", "''");
        if (value.indexOf('\\') >= 0) {
            return "E'" + quoted.replace("\\", "\\\\") + "'";
        }
        return "'" + quoted + "'";
    }
}
