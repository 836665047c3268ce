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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code pgconverge status} on the lab, checked against psql on the nodes. The lab is shared and may be fresh
 * (three independent primaries) or a replication cluster; the checks follow what the nodes say.
 */
@ExtendWith(LabExtension.class)
class StatusCommandIT {
    private static final String PLAYBOOK = "playbooks/ha-cluster.yml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> env = LabServers.secrets();

    private CliRun status(Path inventory, String... more) {
        List<String> args = new ArrayList<>(List.of("status", PLAYBOOK, "-i", inventory.toString()));
        args.addAll(List.of(more));
        return CliRun.of(env, args.toArray(String[]::new));
    }

    private static JsonNode warning(JsonNode doc, String kind) {
        for (JsonNode w : doc.path("warnings")) {
            if (w.path("kind").asText().equals(kind)) {
                return w;
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void showsEachNodesRoleAndWarnsOfEveryPrimaryButOne(RunningLab lab) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "reads the nodes with runuser, as root");
        LabServers servers = new LabServers(lab);
        CliRun run = status(lab.inventory(), "--json");
        assertEquals(0, run.code(), run.toString());
        JsonNode doc = JSON.readTree(run.out());
        assertEquals(1, doc.path("format_version").asInt());
        assertEquals("node1", doc.path("primary").asText());
        List<String> primaries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            LabNode n = lab.nodes().get(i);
            JsonNode row = doc.path("nodes").get(i);
            assertEquals(n.name(), row.path("name").asText());
            boolean standby = servers.inRecovery(n);
            assertEquals(standby ? "standby" : "primary", row.path("role").asText(), n.name());
            assertEquals(servers.systemIdentifier(n), row.path("system_identifier").asText());
            if (standby) {
                checkStandby(servers, lab, n, row);
            } else {
                primaries.add(n.name());
            }
        }
        JsonNode splitBrain = warning(doc, "split_brain");
        if (primaries.size() > 1) {
            assertEquals(primaries, texts(splitBrain.path("nodes")), doc.toPrettyString());
        } else {
            assertEquals(null, splitBrain, doc.toPrettyString());
        }
    }

    /** Its upstream is the node whose address its WAL receiver's sender has; its slot is as active as the primary says. */
    private static void checkStandby(LabServers servers, RunningLab lab, LabNode n, JsonNode row) {
        String sender = servers.psql(n, "SELECT sender_host FROM pg_stat_wal_receiver");
        LabNode upstream = lab.nodes().stream().filter(u -> u.address().equals(sender))
                .findFirst().orElseThrow(() -> new AssertionError(n.name() + " streams from " + sender));
        assertEquals(upstream.name(), row.path("upstream").path("node").asText(), row.toPrettyString());
        String slot = servers.psql(n, "SELECT current_setting('primary_slot_name')");
        if (!slot.isEmpty()) {
            String active = servers.psql(upstream, "SELECT active FROM pg_replication_slots WHERE slot_name = '"
                    + slot + "'");
            assertEquals(slot, row.path("slot").path("name").asText());
            assertEquals(active.equals("t") ? "active" : "inactive", row.path("slot").path("state").asText());
        }
        assertTrue(row.path("lag_bytes").asLong(-1) >= 0, row.toPrettyString());
    }

    @Test
    void aFreshLabIsASplitBrainOfItsThreeNodes(RunningLab lab) {
        assumeTrue("root".equals(System.getProperty("user.name")), "reads the nodes with runuser, as root");
        LabServers servers = new LabServers(lab);
        assumeTrue(lab.nodes().stream().noneMatch(servers::inRecovery), "the lab has been made a replication cluster");
        CliRun run = status(lab.inventory());
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("\nWarnings:\n  - split brain: node1, node2 and node3 are all out of recovery and"
                + " accept writes; the playbook's primary is node1.\n"), run.out());
        assertTrue(run.out().contains("  - node2's system identifier "), run.out());
        assertTrue(run.out().contains("  - node3's system identifier "), run.out());
    }

    @Test
    void anAddedDeadHostIsAnUnreachableWarning(RunningLab lab, @TempDir Path dir) throws Exception {
        Path inventory = LabInventories.withDeadHost(lab.inventory(), dir);
        CliRun run;
        try (Blackhole dead = new Blackhole(LabInventories.DEAD_ADDRESS, 2222)) {
            run = status(inventory, "--json", "--timeout", "2");
        }
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.millis() >= 1_900 && run.millis() < 8_000, "took " + run.millis() + " ms");
        JsonNode doc = JSON.readTree(run.out());
        assertEquals("unreachable", doc.path("nodes").get(3).path("role").asText());
        JsonNode w = warning(doc, "unreachable");
        assertEquals(List.of("node4"), texts(w.path("nodes")));
        assertTrue(w.path("message").asText().startsWith("node4 (127.0.0.99) is unreachable: "), w.toPrettyString());
        for (int i = 0; i < 3; i++) {
            assertFalse(doc.path("nodes").get(i).path("role").asText().equals("unreachable"));
        }
    }

    @Test
    void nothingReachableExitsOne(RunningLab lab, @TempDir Path dir) throws Exception {
        CliRun run = status(LabInventories.allDead(lab.inventory(), dir), "--timeout", "2");
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().startsWith("error: no node of the cluster could be reached"), run.toString());
        assertEquals(3, run.out().lines().filter(l -> l.matches("node\\d +127\\.0\\.0\\.99 +unreachable .*")).count(),
                run.out());
    }

    @Test
    void showsNoPasswordOfTheEnvironment(RunningLab lab) {
        for (CliRun run : List.of(status(lab.inventory()), status(lab.inventory(), "--json"))) {
            assertEquals(0, run.code(), run.toString());
            env.values().forEach(secret -> assertFalse(run.out().contains(secret) || run.err().contains(secret)));
        }
    }
}
