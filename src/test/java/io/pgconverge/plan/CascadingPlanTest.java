package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.SlotFact;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.Host;
import io.pgconverge.model.RestartMethod;
import io.pgconverge.model.StandbySpec;
import io.pgconverge.model.TopologySpec;
import io.pgconverge.plan.config.ConfFile;
import io.pgconverge.plan.slots.SlotNames;
import io.pgconverge.plan.task.BaseBackup;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.VerifyReplication;
import io.pgconverge.plan.task.WriteFile;
import io.pgconverge.plan.topology.ExpectedStandby;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pgconverge.plan.FactsFixtures.labCluster;
import static io.pgconverge.plan.FactsFixtures.node;
import static io.pgconverge.plan.FactsFixtures.planner;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cascading standbys planned from synthetic facts: node3 declares node2 as its upstream. */
class CascadingPlanTest {
    private static Cluster withStandbys(Cluster base, Map<String, StandbySpec> standbys) {
        DesiredState d = base.desired();
        return new Cluster(new DesiredState(d.source(), d.group(), d.primary(), d.pgVersion(), d.settings(),
                d.archive(), d.hba(), d.roles(), d.replication(), d.marks(),
                new TopologySpec(RestartMethod.RESTART, Optional.empty(), standbys)), base.members());
    }

    private static Cluster cascading(Cluster base) {
        return withStandbys(base, Map.of("node3", new StandbySpec(Optional.of("node2"), Optional.empty())));
    }

    private static String slot(Cluster cluster, int index) {
        return SlotNames.of(cluster.desired().replication().orElseThrow(), cluster.members().get(index));
    }

    private static Task task(Plan plan, String id) {
        return plan.tasks().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + id + " in " + ids(plan)));
    }

    private static List<String> ids(Plan plan) {
        return plan.tasks().stream().map(Task::id).toList();
    }

    private static String conninfoWritten(Plan plan, String host) {
        WriteFile conf = (WriteFile) task(plan, host + "/pgconverge.conf");
        return ConfFile.values(conf.after()).get("primary_conninfo");
    }

    @Test
    void builtFromNothingNode3IsCopiedFromNode2OnceNode2RunsAndStreamsThroughASlotThere() {
        Cluster cluster = cascading(labCluster(15));
        List<Host> hosts = cluster.members();
        ClusterFacts fresh = FactsFixtures.facts(node(hosts.get(0)).build(), node(hosts.get(1)).build(),
                node(hosts.get(2)).build());
        Plan plan = planner().plan(cluster, fresh, secrets());
        assertFalse(plan.refused(), plan.refusals().toString());

        BaseBackup copy = (BaseBackup) task(plan, "node3/basebackup");
        assertEquals("node2", copy.source());
        assertEquals(hosts.get(1).address(), copy.sourceAddress());
        assertEquals("node1", ((BaseBackup) task(plan, "node2/basebackup")).source());
        String slotId = "node2/slot/" + slot(cluster, 2);
        assertTrue(plan.graph().dependencies("node3/basebackup").containsAll(List.of("node2/start", slotId)),
                plan.graph().dependencies("node3/basebackup").toString());
        assertTrue(plan.graph().dependencies(slotId).contains("node2/start"));
        assertTrue(plan.graph().dependencies("node3/basebackup").contains("node1/verify/node2"));
        assertTrue(plan.graph().dependencies("node1/verify/node2").contains("node2/start"));
        assertEquals(List.of("node2"), ((VerifyReplication) task(plan, "node1/verify/node2")).standbys().stream()
                .map(ExpectedStandby::host).toList());
        assertFalse(ids(plan).contains("node1/slot/" + slot(cluster, 2)), ids(plan).toString());
        assertTrue(ids(plan).contains("node1/slot/" + slot(cluster, 1)));
        assertTrue(conninfoWritten(plan, "node3").contains("host=" + hosts.get(1).address()));
        assertTrue(conninfoWritten(plan, "node2").contains("host=" + hosts.get(0).address()));

        VerifyReplication verify = (VerifyReplication) task(plan, "node1/verify");
        assertEquals(List.of("node1", "node2"), verify.standbys().stream().map(ExpectedStandby::upstream).toList());
        assertEquals("verify that node2 streams from node1, node3 streams from node2, and that they have node1's latest "
                + "write", verify.summary());
        assertTrue(plan.warnings().stream().noneMatch(w -> w.message().contains("cascading")), plan.warnings()
                .toString());
    }

    @Test
    void aConvergedCascadingClusterHasNothingToDo() {
        Cluster cluster = cascading(labCluster(15));
        Plan plan = planner().plan(cluster, FactsFixtures.converged(cluster, secrets()), secrets());
        assertEquals(List.of(), ids(plan));
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void anUpstreamLeftOutOfThePlaybookReRoutesNode3ToThePrimaryWithoutARebuild() {
        Cluster before = cascading(labCluster(15));
        Cluster after = withStandbys(labCluster(15), Map.of());
        Plan plan = planner().plan(after, FactsFixtures.converged(before, secrets()), secrets());
        assertFalse(ids(plan).stream().anyMatch(id -> id.contains("basebackup") || id.endsWith("/restart")),
                ids(plan).toString());
        assertTrue(conninfoWritten(plan, "node3").contains("host=" + after.members().get(0).address()));
        String created = "node1/slot/" + slot(after, 2);
        String dropped = "node2/slot/" + slot(after, 2);
        assertTrue(plan.graph().dependencies("node3/reload").contains(created), ids(plan).toString());
        assertTrue(plan.graph().dependencies(dropped).contains("node3/reload"), ids(plan).toString());
    }

    @Test
    void aNewUpstreamGetsTheSlotAndThePrimaryDropsItsOwnOnceNode3Follows() {
        Cluster before = withStandbys(labCluster(15), Map.of());
        Cluster after = cascading(labCluster(15));
        Plan plan = planner().plan(after, FactsFixtures.converged(before, secrets()), secrets());
        assertTrue(conninfoWritten(plan, "node3").contains("host=" + after.members().get(1).address()));
        assertTrue(plan.graph().dependencies("node3/reload").contains("node2/slot/" + slot(after, 2)));
        assertTrue(plan.graph().dependencies("node1/slot/" + slot(after, 2)).contains("node3/reload"));
        assertFalse(ids(plan).stream().anyMatch(id -> id.contains("basebackup")), ids(plan).toString());
    }

    @Test
    void anUnreachableUpstreamMakesNode3FollowThePrimaryMeanwhileAndSaysSo() {
        Cluster cluster = cascading(labCluster(15));
        List<FactsFixtures.Node> nodes = FactsFixtures.convergedNodes(cluster, secrets());
        ClusterFacts facts = FactsFixtures.facts(nodes.get(0).build(),
                NodeFacts.unreachable("node2", "connection refused"), nodes.get(2).build());
        Plan plan = planner().plan(cluster, facts, secrets());
        assertTrue(conninfoWritten(plan, "node3").contains("host=" + cluster.members().get(0).address()));
        assertTrue(ids(plan).contains("node1/slot/" + slot(cluster, 2)), ids(plan).toString());
        assertTrue(plan.warnings().stream().anyMatch(w -> w.toString().equals("node3: standbys.node3.upstream: node2 "
                + "is unreachable, so node3 streams from node1 for now; the next plan points it back at its upstream "
                + "once that runs as a standby")), plan.warnings().toString());
    }

    @Test
    void promotingTheUpstreamLeavesNode3AsItIs() {
        Cluster cluster = cascading(labCluster(15));
        List<FactsFixtures.Node> nodes = FactsFixtures.convergedNodes(cluster, secrets());
        nodes.get(1).standby(cluster.members().get(0).address(), null);
        ClusterFacts facts = FactsFixtures.facts(NodeFacts.unreachable("node1", "no route to host"),
                nodes.get(1).build(), nodes.get(2).build());
        Plan plan = planner().plan(FactsFixtures.withPrimary(cluster, "node2"), facts, secrets());
        assertFalse(plan.refused(), plan.refusals().toString());
        assertTrue(ids(plan).contains("node2/promote"), ids(plan).toString());
        assertFalse(ids(plan).stream().anyMatch(id -> id.startsWith("node3/")), ids(plan).toString());
    }

    @Test
    void aSlotOnTheUpstreamThatLostItsWalRebuildsNode3FromTheUpstream() {
        Cluster cluster = cascading(labCluster(15));
        List<FactsFixtures.Node> nodes = FactsFixtures.convergedNodes(cluster, secrets());
        nodes.get(1).slots.clear();
        nodes.get(1).slot(new SlotFact(slot(cluster, 2), "physical", false, Optional.empty(), Optional.of("lost")));
        nodes.get(2).standby(cluster.members().get(1).address(), "waiting");
        Plan plan = planner().plan(cluster, FactsFixtures.facts(nodes.stream().map(FactsFixtures.Node::build)
                .toArray(NodeFacts[]::new)), secrets());
        assertEquals("node2", ((BaseBackup) task(plan, "node3/basebackup")).source());
        assertTrue(ids(plan).containsAll(List.of("node2/slot/" + slot(cluster, 2) + "/lost",
                "node2/slot/" + slot(cluster, 2))), ids(plan).toString());
        assertTrue(((BaseBackup) task(plan, "node3/basebackup")).reason().contains("on node2 lost the WAL"));
    }
}
