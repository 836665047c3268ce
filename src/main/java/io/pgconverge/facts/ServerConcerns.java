package io.pgconverge.facts;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * What a running server reports that may need the operator: WAL its slots retain, configuration lines it
 * could not apply, and whether a standby's replay is paused.
 *
 * @param replayPause a standby's {@code pg_get_wal_replay_pause_state()} ("not paused", "pause requested",
 *                    "paused"; from 10 to 13 "paused" or "not paused" from {@code pg_is_wal_replay_paused()});
 *                    empty on a primary and before 10
 */
public record ServerConcerns(List<SlotRetention> slotRetention, List<FileSettingError> fileSettingErrors,
                             Optional<String> replayPause) {
    public ServerConcerns {
        slotRetention = List.copyOf(slotRetention);
        fileSettingErrors = List.copyOf(fileSettingErrors);
    }

    /** A server whose replay is not paused (a primary). */
    public ServerConcerns(List<SlotRetention> slotRetention, List<FileSettingError> fileSettingErrors) {
        this(slotRetention, fileSettingErrors, Optional.empty());
    }

    public static ServerConcerns none() {
        return new ServerConcerns(List.of(), List.of());
    }

    /** Replay is paused, or a pause was requested and takes effect at the next record. */
    public boolean replayPaused() {
        return replayPause.filter(s -> s.equals("paused") || s.equals("pause requested")).isPresent();
    }

    /**
     * From the facts document's {@code slot_retention}, {@code file_setting_errors} and {@code replay_pause}
     * (null when absent).
     */
    static ServerConcerns of(JsonNode doc) {
        List<SlotRetention> slots = ServerFactsParser.listOf(doc.path("slot_retention"), r -> new SlotRetention(
                r.path("name").asText(""), r.path("active").asBoolean(false), number(r, "retained_bytes"),
                ServerFactsParser.text(r, "wal_status"), number(r, "safe_wal_size")));
        List<FileSettingError> errors = ServerFactsParser.listOf(doc.path("file_setting_errors"),
                r -> new FileSettingError(r.path("sourcefile").asText(""), r.path("sourceline").asInt(0),
                        r.path("name").asText(""), r.path("error").asText("")));
        return new ServerConcerns(slots, errors, ServerFactsParser.text(doc, "replay_pause"));
    }

    private static Optional<Long> number(JsonNode row, String field) {
        return ServerFactsParser.text(row, field).flatMap(t -> {
            try {
                return Optional.of(Long.parseLong(t.replaceAll("\\.\\d*$", "")));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
