package io.pgconverge.plan;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.ServiceManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A node of another major version than the primary's is refused, naming both versions. */
class MajorVersionPlanTest {
    private final Cluster cluster = FactsFixtures.labCluster(15);

    @Test
    void aStandbyRunningAnotherMajorVersionIsRefusedNamingBoth() {
        List<FactsFixtures.Node> nodes = FactsFixtures.convergedNodes(cluster, FactsFixtures.secrets());
        nodes.set(2, FactsFixtures.node(FactsFixtures.host(3, 17, ServiceManager.PG_CTL)));
        Plan plan = plan(nodes);
        assertEquals(List.of("node3: it has PostgreSQL 17 (its running server) but the primary node1 runs PostgreSQL"
                + " 15; a standby needs its primary's major version: upgrade node3 (pg_upgrade) or take it out of"
                + " the group"),
                plan.refusals().stream().map(Notice::toString).toList());
    }

    @Test
    void aStoppedNodeCountsByItsDataDirectory() {
        List<FactsFixtures.Node> nodes = FactsFixtures.convergedNodes(cluster, FactsFixtures.secrets());
        FactsFixtures.Node old = FactsFixtures.node(FactsFixtures.host(2, 906, ServiceManager.PG_CTL));
        old.running = false;
        nodes.set(1, old);
        assertEquals(List.of("node2: it has PostgreSQL 9.6 (its data directory) but the primary node1 runs PostgreSQL"
                + " 15; a standby needs its primary's major version: upgrade node2 (pg_upgrade) or take it out of"
                + " the group"),
                plan(nodes).refusals().stream().map(Notice::toString).toList());
    }

    @Test
    void whereTheInventorysPathsFindNothingTheOnlyDebianClusterTells() {
        List<FactsFixtures.Node> nodes = FactsFixtures.convergedNodes(cluster, FactsFixtures.secrets());
        FactsFixtures.Node bare = FactsFixtures.node(cluster.members().get(2));
        bare.running = false;
        bare.initialised = false;
        List<io.pgconverge.facts.NodeFacts> facts = new java.util.ArrayList<>(nodes.subList(0, 2).stream()
                .map(FactsFixtures.Node::build).toList());
        facts.add(bare.build().withPlatform(new io.pgconverge.facts.PlatformFacts(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.of(true), List.of("17/main"))));
        Plan plan = FactsFixtures.planner().plan(cluster, FactsFixtures.facts(facts.toArray(
                io.pgconverge.facts.NodeFacts[]::new)), FactsFixtures.secrets());
        assertEquals(List.of("node3: it has PostgreSQL 17 (its only cluster, 17/main) but the primary node1 runs"
                + " PostgreSQL 15; a standby needs its primary's major version: upgrade node3 (pg_upgrade) or take it"
                + " out of the group"), plan.refusals().stream().map(Notice::toString).toList());
    }

    @Test
    void oneVersionEverywhereIsNoRefusal() {
        Cluster v13 = FactsFixtures.labCluster(13);
        Plan plan = FactsFixtures.planner().plan(v13, FactsFixtures.converged(v13, FactsFixtures.secrets()),
                FactsFixtures.secrets());
        assertEquals(List.of(), plan.refusals());
    }

    private Plan plan(List<FactsFixtures.Node> nodes) {
        return FactsFixtures.planner().plan(cluster, FactsFixtures.facts(nodes.stream().map(FactsFixtures.Node::build)
                .toArray(io.pgconverge.facts.NodeFacts[]::new)), FactsFixtures.secrets());
    }
}
