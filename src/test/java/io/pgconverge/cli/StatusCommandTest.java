package io.pgconverge.cli;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.DesiredState;
import io.pgconverge.render.ClusterStatus;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pgconverge.facts.Fixtures.debian;
import static io.pgconverge.facts.Fixtures.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusCommandTest {
    private static final Cluster CLUSTER = new Cluster(new DesiredState("p.yml", "pg", "node1", 15, Map.of(),
            Optional.empty(), List.of(), List.of(), Optional.empty(), Map.of()),
            List.of(host("node1", "10.0.0.1", ConnectionKind.SSH, debian(15)),
                    host("node2", "10.0.0.2", ConnectionKind.SSH, debian(15))));

    private static ClusterFacts facts(NodeFacts... nodes) {
        Map<String, NodeFacts> m = new LinkedHashMap<>();
        for (NodeFacts n : nodes) {
            m.put(n.host(), n);
        }
        return new ClusterFacts(m);
    }

    @Test
    void warningsAloneExitZeroNothingReachableExitsOne() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        NodeFacts stopped = new NodeFacts("node1", true, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), false, Optional.empty(), Optional.empty(), Optional.empty());
        int code = StatusCommand.show(ClusterStatus.of(CLUSTER, facts(stopped,
                NodeFacts.unreachable("node2", "10.0.0.2", "connection refused"))), false,
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(ExitCodes.OK, code, err.toString());
        assertTrue(out.toString().contains("Warnings:\n  - node2 (10.0.0.2) is unreachable: connection refused.\n"),
                out.toString());
        assertEquals("", err.toString());

        code = StatusCommand.show(ClusterStatus.of(CLUSTER, facts(NodeFacts.unreachable("node1", "10.0.0.1", "refused"),
                NodeFacts.unreachable("node2", "10.0.0.2", "refused"))), true, new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(ExitCodes.ERROR, code);
        assertTrue(err.toString().startsWith("error: no node of the cluster could be reached"), err.toString());
    }

    @Test
    void helpStatesTheExitStatus() {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "status", "--help");
        assertEquals(ExitCodes.OK, code);
        assertTrue(out.toString().contains("Exit status: 0 when the status could be read"), out.toString());
        assertTrue(out.toString().contains("--json"));
    }

    @Test
    void aMissingSecretIsAnInputErrorBeforeAnyConnection() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of(), "status",
                "playbooks/ha-cluster.yml", "-i", "inventories/lab.yml");
        assertEquals(ExitCodes.ERROR, code);
        assertTrue(err.toString().contains("environment variable PGC_REPL_PASSWORD is not set"), err.toString());
    }

    /** The environment given to Main.run is where env: secrets come from: loading passes, the (dead) nodes are tried. */
    @Test
    void secretsComeFromTheGivenEnvironment(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path inventory = dir.resolve("dead.yml");
        java.nio.file.Files.writeString(inventory, java.nio.file.Files.readString(java.nio.file.Path.of("inventories/lab.yml"))
                .replaceAll("ansible_host: 127\\.\\d+\\.\\d+\\.(\\d+)", "ansible_host: 127.0.0.9$1")
                .replace("ansible_port: 22", "ansible_port: 1"));
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of("PGC_REPL_PASSWORD", "given-1", "PGC_POSTGRES_PASSWORD", "given-2",
                "PGC_PGPOOL_PASSWORD", "given-3");
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), env, "status",
                "playbooks/ha-cluster.yml", "-i", inventory.toString(), "--timeout", "1");
        assertEquals(ExitCodes.ERROR, code);
        assertTrue(err.toString().startsWith("error: no node of the cluster could be reached"), err.toString());
    }
}
