package io.pgconverge.plan;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.RestartMethod;
import io.pgconverge.model.StandbySpec;
import io.pgconverge.model.SyncMode;
import io.pgconverge.model.SynchronousSpec;
import io.pgconverge.model.TopologySpec;
import io.pgconverge.plan.config.ConfFile;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.topology.TopologySettings;
import io.pgconverge.render.TemplateRenderer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static io.pgconverge.plan.FactsFixtures.labCluster;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Synchronous standbys and apply delays become settings; a node's own list never names it. */
class TopologySettingsTest {
    private static Cluster declared(SyncMode mode, int count) {
        Cluster base = labCluster(15);
        DesiredState d = base.desired();
        TopologySpec topology = new TopologySpec(RestartMethod.RESTART,
                Optional.of(new SynchronousSpec(mode, count, java.util.List.of("node2", "node3"))),
                Map.of("node3", new StandbySpec(Optional.empty(), Optional.of("1h"))));
        return new Cluster(new DesiredState(d.source(), d.group(), d.primary(), d.pgVersion(), d.settings(),
                d.archive(), d.hba(), d.roles(), d.replication(), d.marks(), topology), base.members());
    }

    @Test
    void everyNodeGetsTheListWithoutItself() {
        DesiredState d = declared(SyncMode.ANY, 2).desired();
        assertEquals(Map.of("synchronous_standby_names", "ANY 2 (\"node2\", \"node3\")", "synchronous_commit", "on"),
                TopologySettings.synchronous(d, "node1"));
        assertEquals("ANY 1 (\"node3\")", TopologySettings.synchronous(d, "node2").get("synchronous_standby_names"));
        assertEquals("FIRST 1 (\"node2\", \"node3\")", TopologySettings.synchronous(declared(SyncMode.FIRST, 1)
                .desired(), "node1").get("synchronous_standby_names"));
    }

    @Test
    void theFilesCarryThemAndTheDelayedStandbyItsDelay() {
        Cluster cluster = declared(SyncMode.FIRST, 1);
        DesiredFiles files = new DesiredFiles(cluster, secrets(), TemplateRenderer.builtIn());
        Map<String, String> node3 = ConfFile.values(files.of(cluster.members().get(2)).pgconvergeConf());
        assertEquals("1h", node3.get("recovery_min_apply_delay"));
        assertEquals("FIRST 1 (\"node2\")", node3.get("synchronous_standby_names"));
        assertFalse(ConfFile.values(files.of(cluster.members().get(1)).pgconvergeConf())
                .containsKey("recovery_min_apply_delay"));
    }

    @Test
    void aPlanWhoseSynchronousStandbysAreAllDownIsAppliedOnlyWithYes() {
        Cluster cluster = declared(SyncMode.ANY, 1);
        java.util.List<FactsFixtures.Node> nodes = FactsFixtures.convergedNodes(labCluster(15), secrets());
        nodes.get(1).stopped();
        nodes.get(2).stopped();
        Plan plan = FactsFixtures.planner().plan(cluster, FactsFixtures.facts(nodes.stream()
                .map(FactsFixtures.Node::build).toArray(io.pgconverge.facts.NodeFacts[]::new)), secrets());
        assertEquals(java.util.List.of("node1: every synchronous standby (node2, node3) is down or being rebuilt: "
                + "commits on node1 wait until one of them streams again; apply this plan with --yes to accept that"),
                plan.needsYes().stream().map(Notice::toString).toList());
        assertTrue(new io.pgconverge.render.TextPlanRenderer(false).render(plan)
                .contains("Applied only with apply --yes:\n  ! node1: every synchronous standby"));
    }

    @Test
    void oneSynchronousStandbyStreamingIsEnough() {
        Cluster cluster = declared(SyncMode.ANY, 1);
        java.util.List<FactsFixtures.Node> nodes = FactsFixtures.convergedNodes(labCluster(15), secrets());
        nodes.get(2).stopped();
        Plan plan = FactsFixtures.planner().plan(cluster, FactsFixtures.facts(nodes.stream()
                .map(FactsFixtures.Node::build).toArray(io.pgconverge.facts.NodeFacts[]::new)), secrets());
        assertTrue(plan.hasChanges());
        assertEquals(java.util.List.of(), plan.needsYes());
    }
}
