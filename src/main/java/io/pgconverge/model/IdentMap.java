package io.pgconverge.model;

/**
 * One pg_ident.conf line as the playbook states it: within map {@code map}, the operating-system user
 * {@code systemUser} (a name, or a regular expression starting with {@code /}) may connect as the database
 * user {@code databaseUser}.
 */
public record IdentMap(String map, String systemUser, String databaseUser) {
}
