package io.pgconverge.facts;

/** A line of a configuration file the server could not apply (pg_file_settings.error). */
public record FileSettingError(String file, int line, String name, String error) {
}
