package io.pgconverge.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.Fixtures;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.OsReport;
import io.pgconverge.facts.PreflightProblem;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.facts.ServerFactsParser;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactsRenderersTest {
    private static NodeFacts node(String name, String address, String os, Optional<String> sql) {
        OsReport r = Fixtures.osReport(os, 15);
        Optional<ServerFacts> server = sql.map(s -> ServerFactsParser.parse(Fixtures.text(s), r));
        return new NodeFacts(name, true, Optional.empty(), r.os(), r.binDir(), Optional.of(r.dataDir()), r.files(),
                server.isPresent(), server, Optional.empty(), r.lastApplied(), address, r.installedVersion());
    }

    private static ClusterFacts cluster() {
        Map<String, NodeFacts> nodes = new LinkedHashMap<>();
        nodes.put("node1", node("node1", "192.168.56.111", "os-running.txt", Optional.of("sql-15-primary.json")));
        nodes.put("node2", node("node2", "192.168.56.112", "os-running.txt", Optional.of("sql-15-standby.json")));
        nodes.put("node3", node("node3", "192.168.56.113", "os-stopped-standby.txt", Optional.empty()));
        nodes.put("node4", NodeFacts.unreachable("node4", "192.168.56.99", "connect timed out after 10 s"));
        return new ClusterFacts(nodes);
    }

    private static final List<PreflightProblem> PROBLEMS =
            List.of(new PreflightProblem("arch", "CPU architecture differs across the cluster."));

    @Test
    void textShowsATableRowPerNode() {
        String text = new FactsTextRenderer().render(cluster(), PROBLEMS);
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("NODE   ADDRESS         REACHABLE  OS         ARCH    PG     RUNNING  ROLE"),
                lines.get(0));
        assertTrue(lines.get(1).matches("node1 +192\\.168\\.56\\.111 +yes +debian 12 +x86_64 +15\\.18 +yes +primary "
                + "+7312345678901234567 +1 +0/15007C8 +- +192_168_56_112, 192_168_56_113 \\(inactive\\) "
                + "+2024-05-01T12:00:00Z"), lines.get(1));
        assertTrue(lines.get(2).contains("standby") && lines.get(2).contains("192.168.56.111:5432 (streaming)"),
                lines.get(2));
        assertTrue(lines.get(3).matches("node3 .* no +stopped +7312345678901234567 +2 +- +- +- +never"), lines.get(3));
        assertTrue(lines.get(4).matches("node4 +192\\.168\\.56\\.99 +no( +-)+ +unreachable( +-)+"), lines.get(4));
        assertTrue(text.contains("node4 (192.168.56.99)\n  unreachable:     connect timed out after 10 s\n"), text);
        assertTrue(text.contains("  data directory:  /var/lib/postgresql/15/main: owner postgres, PostgreSQL 15, "
                + "system identifier 7312345678901234567, shut down in recovery, checkpoint timeline 2"), text);
        assertTrue(text.contains("settings:        7, pending restart: shared_buffers"), text);
        assertTrue(text.endsWith("Problems:\n  - CPU architecture differs across the cluster.\n"));
    }

    @Test
    void neitherFormShowsASecret() {
        for (String out : List.of(new FactsTextRenderer().render(cluster()), new FactsJsonRenderer().render(cluster()))) {
            assertFalse(out.contains("SCRAM-SHA-256$"), "verifier shown");
            assertFalse(out.contains("s3cr"), "password shown");
            assertTrue(out.contains("(sensitive)"));
        }
    }

    @Test
    void jsonFollowsTheDocumentedSchema() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(new FactsJsonRenderer().render(cluster(), PROBLEMS));
        assertEquals(1, doc.path("format_version").asInt());
        assertEquals(4, doc.path("nodes").size());
        JsonNode n1 = doc.path("nodes").get(0);
        assertEquals("node1", n1.path("name").asText());
        assertEquals("primary", n1.path("role").asText());
        assertEquals("7312345678901234567", n1.path("server").path("system_identifier").asText());
        assertTrue(n1.path("server").path("system_identifier").isTextual());
        assertEquals("replica", n1.path("server").path("settings").path("wal_level").path("setting").asText());
        assertEquals("postmaster", n1.path("server").path("settings").path("wal_level").path("context").asText());
        assertEquals("scram-sha-256", n1.path("server").path("roles").get(0).path("password_kind").asText());
        assertTrue(n1.path("server").path("roles").get(0).path("scram").isMissingNode());
        JsonNode pgpass = findFile(n1, "/etc/postgresql/15/main/pgconverge.pgpass");
        assertTrue(pgpass.path("exists").asBoolean());
        assertTrue(pgpass.path("content").isNull());
        assertEquals("0600", pgpass.path("mode").asText());
        JsonNode n2 = doc.path("nodes").get(1);
        assertEquals("standby", n2.path("role").asText());
        assertEquals("user=repl password=(sensitive) host=192.168.56.111 port=5432",
                n2.path("server").path("upstream").path("primary_conninfo").asText());
        assertEquals(42.5, n2.path("server").path("replay_delay_seconds").asDouble());
        assertTrue(n1.path("server").path("replay_delay_seconds").isNull());
        assertEquals(0.001234, n1.path("server").path("replication").get(0).path("replay_lag_seconds").asDouble());
        JsonNode n3 = doc.path("nodes").get(2);
        assertEquals("stopped", n3.path("role").asText());
        assertTrue(n3.path("server").isNull());
        assertEquals("shut down in recovery", n3.path("data_dir").path("cluster_state").asText());
        JsonNode n4 = doc.path("nodes").get(3);
        assertFalse(n4.path("reachable").asBoolean());
        assertEquals("connect timed out after 10 s", n4.path("unreachable_reason").asText());
        assertEquals("arch", doc.path("problems").get(0).path("check").asText());
    }

    @Test
    void jsonIsByteIdenticalForEqualFacts() {
        assertEquals(new FactsJsonRenderer().render(cluster()), new FactsJsonRenderer().render(cluster()));
        assertTrue(new FactsJsonRenderer().render(cluster()).startsWith("{\n  \"format_version\": 1,\n  \"nodes\": [\n"));
    }

    private static JsonNode findFile(JsonNode node, String path) {
        for (JsonNode f : node.path("files")) {
            if (f.path("path").asText().equals(path)) {
                return f;
            }
        }
        throw new AssertionError("no file " + path);
    }
}
