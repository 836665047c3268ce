package io.pgconverge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgconverge.lab.LabExtension;
import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.lab.LabNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code pgconverge facts} on the lab, checked against what pg_controldata and psql say on the nodes. The lab is
 * shared: the tests read its state rather than assume it, and restart any server they stop.
 */
@ExtendWith(LabExtension.class)
class FactsCommandIT {
    private static final String PLAYBOOK = "playbooks/ha-cluster.yml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> env = LabServers.secrets();

    private static void assumeRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")), "reads the nodes with runuser, as root");
    }

    private CliRun facts(Path inventory, String... more) {
        List<String> args = new ArrayList<>(List.of("facts", PLAYBOOK, "-i", inventory.toString()));
        args.addAll(List.of(more));
        return CliRun.of(env, args.toArray(String[]::new));
    }

    private static JsonNode node(JsonNode doc, String name) {
        for (JsonNode n : doc.path("nodes")) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no node " + name + " in\n" + doc.toPrettyString());
    }

    @Test
    void listsEveryLabNodeReachableWithTheSystemIdentifierAndRecoveryStateTheNodeHas(RunningLab lab) throws Exception {
        assumeRoot();
        LabServers servers = new LabServers(lab);
        CliRun run = facts(lab.inventory(), "--json");
        assertEquals(0, run.code(), run.toString());
        JsonNode doc = JSON.readTree(run.out());
        assertEquals(1, doc.path("format_version").asInt());
        assertEquals(3, doc.path("nodes").size());
        Set<String> ids = new HashSet<>();
        for (LabNode n : lab.nodes()) {
            JsonNode node = node(doc, n.name());
            assertTrue(node.path("reachable").asBoolean(), node.toPrettyString());
            assertEquals(n.address(), node.path("address").asText());
            assertTrue(node.path("running").asBoolean(), n.name() + " should run");
            String id = servers.systemIdentifier(n);
            assertEquals(id, node.path("server").path("system_identifier").asText(), n.name());
            assertEquals(id, node.path("data_dir").path("system_identifier").asText(), n.name());
            assertEquals(servers.inRecovery(n), node.path("server").path("in_recovery").asBoolean(), n.name());
            assertEquals(servers.inRecovery(n) ? "standby" : "primary", node.path("role").asText());
            ids.add(id);
        }
        boolean fresh = lab.nodes().stream().noneMatch(servers::inRecovery);
        assumeTrue(fresh, "the lab has been made a replication cluster; distinct identifiers hold on a fresh lab only");
        assertEquals(3, ids.size(), "three independently initialised nodes: " + ids);
    }

    @Test
    void theTextTableHasARowPerNode(RunningLab lab) {
        CliRun run = facts(lab.inventory());
        assertEquals(0, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("NODE "), run.out());
        for (int i = 1; i <= 3; i++) {
            String address = java.util.regex.Pattern.quote(lab.node("node" + i).address());
            assertTrue(lines.get(i).matches("node" + i + " +" + address + " +yes +\\S+ \\S+ +\\S+ +" + lab.pgVersion() + "\\.\\d+ +yes"
                    + " +(primary|standby) .*"), lines.get(i));
        }
    }

    @Test
    void aStoppedNodeIsReachableButStoppedWithItsDataDirectoryRead(RunningLab lab) throws Exception {
        assumeRoot();
        LabServers servers = new LabServers(lab);
        LabNode node3 = lab.nodes().get(2);
        String id = servers.systemIdentifier(node3);
        servers.stop(node3);
        try {
            CliRun run = facts(lab.inventory(), "--json");
            assertEquals(0, run.code(), run.toString());
            JsonNode doc = JSON.readTree(run.out());
            JsonNode n3 = node(doc, "node3");
            assertTrue(n3.path("reachable").asBoolean());
            assertFalse(n3.path("running").asBoolean());
            assertEquals("stopped", n3.path("role").asText());
            assertTrue(n3.path("server").isNull());
            JsonNode data = n3.path("data_dir");
            assertTrue(data.path("initialised").asBoolean());
            assertEquals(id, data.path("system_identifier").asText());
            assertEquals(servers.clusterState(node3), data.path("cluster_state").asText());
            assertTrue(data.path("cluster_state").asText().startsWith("shut down"), data.toPrettyString());
            assertTrue(data.path("checkpoint_timeline").asInt() >= 1);
            assertFalse(n3.path("files").isEmpty(), "configuration files are read with the server down");
            for (String other : List.of("node1", "node2")) {
                assertTrue(node(doc, other).path("server").path("settings").size() > 100, other + " is complete");
            }
        } finally {
            servers.start(node3);
        }
        assertTrue(servers.running(node3), "node3 was started again");
    }

    @Test
    void anAddedDeadHostIsUnreachableAfterTheTimeoutWhileTheOthersAreComplete(RunningLab lab, @TempDir Path dir)
            throws Exception {
        Path inventory = LabInventories.withDeadHost(lab.inventory(), dir);
        CliRun run;
        try (Blackhole dead = new Blackhole(LabInventories.DEAD_ADDRESS, 2222)) {
            run = facts(inventory, "--json", "--timeout", "2");
        }
        assertEquals(0, run.code(), "an unreachable node is reported, not an error\n" + run);
        assertTrue(run.millis() >= 1_900 && run.millis() < 8_000, "took " + run.millis() + " ms");
        JsonNode doc = JSON.readTree(run.out());
        assertEquals(4, doc.path("nodes").size());
        JsonNode n4 = node(doc, "node4");
        assertFalse(n4.path("reachable").asBoolean());
        assertEquals("unreachable", n4.path("role").asText());
        assertEquals("127.0.0.99", n4.path("address").asText());
        assertTrue(n4.path("unreachable_reason").asText().toLowerCase(java.util.Locale.ROOT).contains("timed out"),
                n4.toPrettyString());
        for (String other : List.of("node1", "node2", "node3")) {
            JsonNode n = node(doc, other);
            assertTrue(n.path("reachable").asBoolean(), other);
            assertFalse(n.path("server").isNull(), other + " has its SQL facts");
            assertFalse(n.path("data_dir").isNull(), other + " has its data directory facts");
        }
        assertTrue(doc.path("problems").isEmpty(), "an unreachable node is no preflight problem");
    }

    @Test
    void neitherFormShowsAPasswordOfTheEnvironment(RunningLab lab) {
        for (CliRun run : List.of(facts(lab.inventory(), "--json"), facts(lab.inventory()))) {
            assertEquals(0, run.code(), run.toString());
            for (String secret : env.values()) {
                assertFalse(run.out().contains(secret), "secret in output");
                assertFalse(run.err().contains(secret), "secret in error output");
            }
        }
    }

    @Test
    void inputErrorsExitOneWithoutContactingANode(RunningLab lab, @TempDir Path dir) {
        CliRun noSecrets = CliRun.of(Map.of(), "facts", PLAYBOOK, "-i", lab.inventory().toString());
        assertEquals(1, noSecrets.code());
        assertTrue(noSecrets.err().contains("environment variable PGC_REPL_PASSWORD is not set"), noSecrets.toString());
        assertEquals("", noSecrets.out());
        CliRun noInventory = facts(dir.resolve("missing.yml"));
        assertEquals(1, noInventory.code());
        assertTrue(noInventory.err().contains("missing.yml"), noInventory.toString());
    }
}
