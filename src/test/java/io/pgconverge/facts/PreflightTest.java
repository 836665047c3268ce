package io.pgconverge.facts;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgLayout;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreflightTest {
    private static NodeFacts node(String name, String family, String arch, String installed) {
        return new NodeFacts(name, true, Optional.empty(), Optional.of(new OsFacts(family, "12", arch, name)),
                Optional.of("/usr/lib/postgresql/15/bin"), Optional.empty(), Map.of(), false, Optional.empty(),
                Optional.empty(), Optional.empty(), "", Optional.of(installed));
    }

    private static Cluster cluster(int inventoryVersion, String... names) {
        DesiredState desired = new DesiredState("p.yml", "pg", names[0], 15, Map.of(), Optional.empty(), List.of(),
                List.of(), Optional.empty(), Map.of());
        PgLayout layout = Fixtures.debian(15);
        PgLayout inventory = new PgLayout(inventoryVersion, layout.port(), layout.dataDir(), layout.binDir(),
                layout.configDir(), layout.service(), layout.socketDir());
        List<Host> hosts = java.util.Arrays.stream(names)
                .map(n -> Fixtures.host(n, "10.0.0.1", ConnectionKind.SSH, inventory)).toList();
        return new Cluster(desired, hosts);
    }

    private static ClusterFacts facts(NodeFacts... nodes) {
        Map<String, NodeFacts> m = new LinkedHashMap<>();
        for (NodeFacts n : nodes) {
            m.put(n.host(), n);
        }
        return new ClusterFacts(m);
    }

    @Test
    void aMatchingClusterHasNoProblems() {
        ClusterFacts f = facts(node("n1", "debian", "x86_64", "15.18"), node("n2", "debian", "x86_64", "15.2"));
        assertEquals(List.of(), Preflight.check(cluster(15, "n1", "n2"), f));
    }

    @Test
    void reportsArchitectureOsAndVersionMismatches() {
        ClusterFacts f = facts(node("n1", "debian", "x86_64", "15.18"), node("n2", "ubuntu", "aarch64", "16.4"),
                NodeFacts.unreachable("n3", "10.0.0.3", "connection refused"));
        List<PreflightProblem> problems = Preflight.check(cluster(15, "n1", "n2", "n3"), f);
        assertEquals(List.of("arch", "os", "pg_version", "inventory_pg_version"),
                problems.stream().map(PreflightProblem::check).toList());
        assertEquals("CPU architecture differs across the cluster (n1 x86_64, n2 aarch64); every node of a "
                + "replication cluster needs the same CPU architecture.", problems.get(0).message());
        assertTrue(problems.get(2).message().contains("n1 15, n2 16"), problems.get(2).message());
        assertTrue(problems.get(3).message().startsWith("n2: the inventory says pg_version 15 but PostgreSQL 16.4"));
    }

    @Test
    void comparesTheInventoryVersionWithTheInstalledOne() {
        List<PreflightProblem> p = Preflight.check(cluster(905, "n1"), facts(node("n1", "debian", "x86_64", "9.5.25")));
        assertEquals(List.of(), p);
        assertEquals(List.of(), Preflight.check(cluster(95, "n1"), facts(node("n1", "debian", "x86_64", "9.5.25"))));
        assertEquals(1, Preflight.check(cluster(16, "n1"), facts(node("n1", "debian", "x86_64", "15.1"))).size());
    }

    @Test
    void reportsMissingBinaries() {
        NodeFacts bare = new NodeFacts("n1", true, Optional.empty(), Optional.of(new OsFacts("debian", "12", "x86_64", "n1")),
                Optional.empty(), Optional.empty(), Map.of(), false, Optional.empty(), Optional.empty(), Optional.empty());
        List<PreflightProblem> p = Preflight.check(cluster(15, "n1"), facts(bare));
        assertEquals(1, p.size());
        assertEquals("binaries", p.get(0).check());
        assertTrue(p.get(0).message().contains("/usr/lib/postgresql/15/bin"));
    }

    @Test
    void aNodeWhereServiceCommandsCannotRunAsRootIsAProblemNamingTheCause() {
        String refusal = "n2: sudo -n -u root -H bash -s as admin was refused: sudo requires a terminal (requiretty);"
                + " remove requiretty for admin in sudoers";
        NodeFacts refused = node("n2", "debian", "x86_64", "15.8").withPlatform(new PlatformFacts(Optional.empty(),
                Optional.of(refusal), Optional.of(true), List.of("15/main")));
        List<PreflightProblem> problems = Preflight.check(cluster(15, "n1", "n2"),
                facts(node("n1", "debian", "x86_64", "15.8"), refused));
        assertEquals(List.of(new PreflightProblem("become", refusal)), problems);
    }
}
