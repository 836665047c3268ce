package io.pgconverge.plan;

/**
 * One parameter line of a postgresql.conf-style file.
 *
 * @param line  1-based line number
 * @param name  parameter name, lower case (include directives too: {@code include_if_exists})
 * @param value the value with quotes and escapes removed
 */
public record ConfEntry(int line, String name, String value) {
}
