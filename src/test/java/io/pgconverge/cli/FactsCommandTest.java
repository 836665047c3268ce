package io.pgconverge.cli;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.OsFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.Host;
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

/** The preflight's verdict as the facts command reports it, on synthetic facts. */
class FactsCommandTest {
    private static final List<Host> HOSTS = List.of(host("node1", "10.0.0.1", ConnectionKind.SSH, debian(15)),
            host("node2", "10.0.0.2", ConnectionKind.SSH, debian(15)));
    private static final Cluster CLUSTER = new Cluster(new DesiredState("p.yml", "pg", "node1", 15, Map.of(),
            Optional.empty(), List.of(), List.of(), Optional.empty(), Map.of()), HOSTS);

    private static NodeFacts node(String name, String family, String arch, String installed) {
        return new NodeFacts(name, true, Optional.empty(), Optional.of(new OsFacts(family, "12", arch, name)),
                Optional.of("/usr/lib/postgresql/15/bin"), Optional.empty(), Map.of(), false, Optional.empty(),
                Optional.empty(), Optional.empty(), "", Optional.of(installed));
    }

    private static ClusterFacts facts(NodeFacts a, NodeFacts b) {
        Map<String, NodeFacts> m = new LinkedHashMap<>();
        m.put(a.host(), a);
        m.put(b.host(), b);
        return new ClusterFacts(m);
    }

    private static int show(ClusterFacts facts, boolean json, StringWriter out, StringWriter err) {
        return FactsCommand.show(CLUSTER, facts, json, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void matchingNodesExitZero() {
        StringWriter err = new StringWriter();
        int code = show(facts(node("node1", "debian", "x86_64", "15.8"), node("node2", "debian", "x86_64", "15.8")),
                false, new StringWriter(), err);
        assertEquals(ExitCodes.OK, code);
        assertEquals("", err.toString());
    }

    @Test
    void differentArchitectureOsAndMajorVersionExitOneNamingEach() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = show(facts(node("node1", "debian", "x86_64", "15.8"), node("node2", "ubuntu", "aarch64", "16.4")),
                false, out, err);
        assertEquals(ExitCodes.ERROR, code);
        String e = err.toString();
        assertTrue(e.contains("error: CPU architecture differs across the cluster (node1 x86_64, node2 aarch64)"), e);
        assertTrue(e.contains("error: OS family differs across the cluster (node1 debian, node2 ubuntu)"), e);
        assertTrue(e.contains("error: PostgreSQL major version differs across the cluster (node1 15, node2 16)"), e);
        assertTrue(out.toString().contains("Problems:\n"), out.toString());
    }

    @Test
    void jsonListsTheProblemsToo() {
        StringWriter out = new StringWriter();
        int code = show(facts(node("node1", "debian", "x86_64", "15.8"), node("node2", "debian", "aarch64", "15.8")),
                true, out, new StringWriter());
        assertEquals(ExitCodes.ERROR, code);
        assertTrue(out.toString().contains("\"check\": \"arch\""), out.toString());
    }

    @Test
    void anUnreachableNodeIsShownButNoError() {
        StringWriter err = new StringWriter();
        int code = show(facts(node("node1", "debian", "x86_64", "15.8"),
                NodeFacts.unreachable("node2", "10.0.0.2", "connection refused")), false, new StringWriter(), err);
        assertEquals(ExitCodes.OK, code);
        assertEquals("", err.toString());
    }
}
