package io.pgconverge.facts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a running server's configuration comes from: the line that sets each parameter's effective value
 * (pg_settings.sourceline, beside {@link SettingFact#sourceFile()}) and every parameter line of every
 * configuration file as the server last read them (pg_file_settings), errors included.
 */
public record ConfigSources(Map<String, Integer> sourceLines, List<FileSetting> fileSettings) {
    public ConfigSources {
        sourceLines = Map.copyOf(sourceLines);
        fileSettings = List.copyOf(fileSettings);
    }

    public static ConfigSources none() {
        return new ConfigSources(Map.of(), List.of());
    }

    public Optional<Integer> sourceLine(String name) {
        return Optional.ofNullable(sourceLines.get(name));
    }

    /**
     * One row of pg_file_settings.
     *
     * @param applied the server applied this line (false when a later line overrides it or it has an error)
     * @param error   why the server rejected the line, e.g. "setting could not be applied"
     */
    public record FileSetting(String file, int line, int seqno, String name, String setting, boolean applied,
                              Optional<String> error) {
    }
}
