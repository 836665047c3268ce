package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.RestartMethod;
import io.pgconverge.model.StandbySpec;
import io.pgconverge.model.TopologySpec;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.VerifyReplication;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pgconverge.plan.FactsFixtures.labCluster;
import static io.pgconverge.plan.FactsFixtures.planner;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * node3 is a delayed standby: a failover compares it by the WAL it received, never proposes it in another's place,
 * and promotes it only when named; the replication check asks it to have received the latest write.
 */
class DelayedStandbyPlanTest {
    private static Cluster delayed() {
        Cluster base = labCluster(15);
        DesiredState d = base.desired();
        return new Cluster(new DesiredState(d.source(), d.group(), d.primary(), d.pgVersion(), d.settings(),
                d.archive(), d.hba(), d.roles(), d.replication(), d.marks(), new TopologySpec(RestartMethod.RESTART,
                Optional.empty(), Map.of("node3", new StandbySpec(Optional.empty(), Optional.of("10s"))))),
                base.members());
    }

    /** node1 unreachable; node2 replayed all it received, node3 received more but applied less. */
    private static ClusterFacts afterTheCrash(Cluster cluster) {
        List<FactsFixtures.Node> nodes = FactsFixtures.convergedNodes(cluster, secrets());
        String node1 = cluster.members().get(0).address();
        nodes.get(1).standby(node1, null).wal(0x3000100L, 0x3000100L);
        nodes.get(2).standby(node1, null).wal(0x3000200L, 0x3000000L);
        return FactsFixtures.facts(NodeFacts.unreachable("node1", "no route to host"), nodes.get(1).build(),
                nodes.get(2).build());
    }

    private static List<String> ids(Plan plan) {
        return plan.tasks().stream().map(Task::id).toList();
    }

    @Test
    void aDelayedStandbyWithMoreWalIsNotProposedInTheNamedPrimarysPlace() {
        Cluster cluster = delayed();
        Plan plan = planner().plan(FactsFixtures.withPrimary(cluster, "node2"), afterTheCrash(cluster), secrets());
        assertTrue(plan.refused());
        String refusal = plan.refusals().get(0).toString();
        assertTrue(refusal.contains("node3 has more WAL"), refusal);
        assertTrue(refusal.contains("node3 is a delayed standby (recovery_min_apply_delay 10s), which is promoted only "
                + "when the playbook names it as the primary"), refusal);
        assertFalse(refusal.contains("promote node3 instead"), refusal);
    }

    @Test
    void namedItIsComparedByWhatItReceivedAndPromotedWithAWarning() {
        Cluster cluster = delayed();
        Plan plan = planner().plan(FactsFixtures.withPrimary(cluster, "node3"), afterTheCrash(cluster), secrets());
        assertFalse(plan.refused(), plan.refusals().toString());
        assertTrue(ids(plan).contains("node3/promote"), ids(plan).toString());
        assertTrue(plan.warnings().stream().anyMatch(w -> w.toString().startsWith("node3: it is a delayed standby "
                + "(recovery_min_apply_delay 10s), promoted because the playbook names it")), plan.warnings().toString());
    }

    @Test
    void theReplicationCheckAsksTheDelayedStandbyToHaveReceivedTheWriteNotReplayedIt() {
        Cluster cluster = delayed();
        List<FactsFixtures.Node> nodes = FactsFixtures.convergedNodes(cluster, secrets());
        nodes.get(2).stopped();
        Plan plan = planner().plan(cluster, FactsFixtures.facts(nodes.stream().map(FactsFixtures.Node::build)
                .toArray(NodeFacts[]::new)), secrets());
        VerifyReplication verify = (VerifyReplication) plan.tasks().stream().filter(t -> t instanceof VerifyReplication)
                .findFirst().orElseThrow(() -> new AssertionError(ids(plan).toString()));
        assertEquals(List.of(false, true), verify.standbys().stream().map(s -> s.delayed()).toList());
    }
}
