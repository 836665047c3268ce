package io.pgconverge.facts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The format of {@code <pg_config_dir>/pgconverge.applied}, written by the executor after an apply and read back
 * as {@link AppliedRecord}: {@code key=value} lines (playbook, commit, applied_at, engine_version), comments with
 * {@code #}. Values are one line each; unknown keys are ignored so later versions can add some.
 */
public final class AppliedRecordFile {
    private AppliedRecordFile() {
    }

    /** The file's text for a record. */
    public static String render(AppliedRecord record) {
        StringBuilder s = new StringBuilder("# What pgconverge last applied on this node. Written by pgconverge apply.\n");
        s.append("playbook=").append(oneLine(record.playbook())).append('\n');
        record.commit().ifPresent(c -> s.append("commit=").append(oneLine(c)).append('\n'));
        s.append("applied_at=").append(oneLine(record.appliedAt())).append('\n');
        s.append("engine_version=").append(oneLine(record.engineVersion())).append('\n');
        return s.toString();
    }

    /** The record in a file's text; empty when the text has no playbook or time (not a record). */
    public static Optional<AppliedRecord> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq <= 0) {
                continue;
            }
            values.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        String playbook = values.get("playbook");
        String at = values.get("applied_at");
        if (playbook == null || at == null) {
            return Optional.empty();
        }
        return Optional.of(new AppliedRecord(playbook, Optional.ofNullable(values.get("commit")).filter(c -> !c.isEmpty()),
                at, values.getOrDefault("engine_version", "")));
    }

    private static String oneLine(String value) {
        return value.replace('\n', ' ').replace('\r', ' ');
    }
}
