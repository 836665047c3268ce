package io.pgconverge.facts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The output of {@code pg_controldata} (run with LC_ALL=C), read as "label: value" lines. */
public record ControlData(Map<String, String> values) {
    public ControlData {
        values = Map.copyOf(values);
    }

    public static ControlData parse(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return new ControlData(values);
    }

    public Optional<String> value(String label) {
        return Optional.ofNullable(values.get(label)).filter(v -> !v.isEmpty());
    }

    public Optional<Long> systemIdentifier() {
        return value("Database system identifier").flatMap(v -> parsed(v, Long::parseUnsignedLong));
    }

    /** "in production", "shut down", "in archive recovery", "shut down in recovery", ... */
    public Optional<String> clusterState() {
        return value("Database cluster state");
    }

    public Optional<Integer> checkpointTimeline() {
        return value("Latest checkpoint's TimeLineID").flatMap(v -> parsed(v, Integer::parseInt));
    }

    public Optional<Lsn> checkpointLsn() {
        return value("Latest checkpoint location").flatMap(v -> parsed(v, Lsn::parse));
    }

    /** "wal_log_hints setting: on". */
    public Optional<Boolean> walLogHints() {
        return value("wal_log_hints setting").map("on"::equals);
    }

    /** "Data page checksum version: 1" (0 when checksums are off). */
    public Optional<Boolean> dataChecksums() {
        return value("Data page checksum version").flatMap(v -> parsed(v, Integer::parseInt)).map(v -> v != 0);
    }

    /** A value that does not parse is no value: pg_controldata of another version may print it differently. */
    private static <T> Optional<T> parsed(String text, java.util.function.Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
