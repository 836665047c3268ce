package io.pgconverge.facts;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * What a running server reports that may need the operator: WAL its slots retain, and configuration lines it
 * could not apply.
 */
public record ServerConcerns(List<SlotRetention> slotRetention, List<FileSettingError> fileSettingErrors) {
    public ServerConcerns {
        slotRetention = List.copyOf(slotRetention);
        fileSettingErrors = List.copyOf(fileSettingErrors);
    }

    public static ServerConcerns none() {
        return new ServerConcerns(List.of(), List.of());
    }

    /** From the facts document's {@code slot_retention} and {@code file_setting_errors} (null when absent). */
    static ServerConcerns of(JsonNode doc) {
        List<SlotRetention> slots = ServerFactsParser.listOf(doc.path("slot_retention"), r -> new SlotRetention(
                r.path("name").asText(""), r.path("active").asBoolean(false), number(r, "retained_bytes"),
                ServerFactsParser.text(r, "wal_status"), number(r, "safe_wal_size")));
        List<FileSettingError> errors = ServerFactsParser.listOf(doc.path("file_setting_errors"),
                r -> new FileSettingError(r.path("sourcefile").asText(""), r.path("sourceline").asInt(0),
                        r.path("name").asText(""), r.path("error").asText("")));
        return new ServerConcerns(slots, errors);
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
