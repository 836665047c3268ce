package io.pgconverge.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pgconverge.render.StatusFixture.SYSTEM_ID;
import static io.pgconverge.render.StatusFixture.primary;
import static io.pgconverge.render.StatusFixture.sender;
import static io.pgconverge.render.StatusFixture.slot;
import static io.pgconverge.render.StatusFixture.slotFact;
import static io.pgconverge.render.StatusFixture.standby;
import static io.pgconverge.render.StatusFixture.status;
import static io.pgconverge.render.StatusFixture.stopped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusJsonRendererTest {
    private static ClusterStatus status() {
        return StatusFixture.status("node1", primary("node1", SYSTEM_ID, "0/3000148",
                        List.of(slotFact(slot("node2"), true, "0/3000100"), slotFact(slot("node3"), false, "0/2000000")),
                        List.of(sender("node2", "0/3000100", Optional.of(0.0123456)))),
                standby("node2", SYSTEM_ID, "node1", "0/3000100", Optional.empty()),
                stopped("node3", SYSTEM_ID, Map.of(), true));
    }

    @Test
    void followsTheDocumentedSchema() throws Exception {
        String text = new StatusJsonRenderer().render(status());
        JsonNode doc = new ObjectMapper().readTree(text);
        assertEquals(List.of("format_version", "group", "primary", "nodes", "warnings"), fields(doc));
        assertEquals(1, doc.path("format_version").asInt());
        assertEquals("node1", doc.path("primary").asText());
        assertEquals(3, doc.path("nodes").size());

        JsonNode n1 = doc.path("nodes").get(0);
        assertEquals(List.of("name", "address", "role", "desired_role", "reason", "system_identifier", "timeline", "lsn",
                "received_lsn", "lag_bytes", "lag_seconds", "slot", "upstream", "apply_delay", "last_applied"), fields(n1));
        assertEquals("primary", n1.path("role").asText());
        assertEquals("7312345678901234567", n1.path("system_identifier").asText());
        assertTrue(n1.path("slot").isNull());

        JsonNode n2 = doc.path("nodes").get(1);
        assertEquals("standby", n2.path("role").asText());
        assertEquals(0x48, n2.path("lag_bytes").asLong());
        assertEquals(0.012, n2.path("lag_seconds").asDouble(), 1e-9);
        assertEquals("active", n2.path("slot").path("state").asText());
        assertEquals(0x48, n2.path("slot").path("retained_bytes").asLong());
        assertEquals("node1", n2.path("upstream").path("node").asText());
        assertEquals(5432, n2.path("upstream").path("port").asInt());
        assertEquals("streaming", n2.path("upstream").path("receiver_status").asText());

        JsonNode n3 = doc.path("nodes").get(2);
        assertEquals("stopped", n3.path("role").asText());
        assertEquals("inactive", n3.path("slot").path("state").asText());
        assertTrue(n3.path("lsn").isNull());

        JsonNode warnings = doc.path("warnings");
        assertEquals(List.of("stopped", "inactive_slot"), List.of(warnings.get(0).path("kind").asText(),
                warnings.get(1).path("kind").asText()));
        assertEquals("node1", warnings.get(1).path("nodes").get(0).asText());
        assertTrue(warnings.get(1).path("message").asText().contains("16777544 bytes"));
    }

    @Test
    void equalStatusGivesByteIdenticalOutput() {
        assertEquals(new StatusJsonRenderer().render(status()), new StatusJsonRenderer().render(status()));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
