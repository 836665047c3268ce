package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.RestartMethod;
import io.pgconverge.model.StandbySpec;
import io.pgconverge.model.SyncMode;
import io.pgconverge.model.SynchronousSpec;
import io.pgconverge.model.TopologySpec;
import io.pgconverge.plan.task.Fence;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.VerifyReplication;
import io.pgconverge.plan.task.WaitForReplay;
import io.pgconverge.plan.task.WriteFile;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pgconverge.plan.FactsFixtures.convergedNodes;
import static io.pgconverge.plan.FactsFixtures.labCluster;
import static io.pgconverge.plan.FactsFixtures.planner;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** restart_method: switchover on the converged lab: the primary's restart becomes a handover and a hand-back. */
class HandoverPlanTest {
    private static final List<String> HANDOVER = List.of("node1/handover-checkpoint", "node1/handover",
            "node2/handover-replay", "node2/take-over", "node1/start-as-standby", "node2/handover-streams",
            "node2/hand-back-checkpoint", "node2/hand-back", "node1/hand-back-replay", "node1/take-back",
            "node2/start-as-standby");

    private static Cluster with(int version, RestartMethod method, Map<String, StandbySpec> standbys,
                                Map<String, String> changes) {
        Cluster base = labCluster(version);
        Map<String, String> settings = new LinkedHashMap<>(base.desired().settings());
        settings.putAll(changes);
        DesiredState d = base.desired();
        TopologySpec topology = new TopologySpec(method, Optional.empty(), standbys);
        return new Cluster(new DesiredState(d.source(), d.group(), d.primary(), d.pgVersion(), settings, d.archive(),
                d.hba(), d.roles(), d.replication(), d.marks(), topology), base.members());
    }

    private static Plan plan(Cluster cluster, List<FactsFixtures.Node> nodes) {
        ClusterFacts facts = FactsFixtures.facts(nodes.stream().map(FactsFixtures.Node::build).toArray(NodeFacts[]::new));
        return planner().plan(cluster, facts, secrets());
    }

    private static Plan plan(Map<String, String> changes) {
        return plan(with(15, RestartMethod.SWITCHOVER, Map.of(), changes),
                convergedNodes(labCluster(15), secrets()));
    }

    private static List<String> ids(Plan plan) {
        return plan.tasks().stream().map(Task::id).toList();
    }

    private static void assertBefore(List<String> ids, String first, String then) {
        assertTrue(ids.indexOf(first) >= 0 && ids.indexOf(first) < ids.indexOf(then), first + " before " + then
                + ": " + ids);
    }

    @Test
    void theStandbysRestartFirstThenThePrimaryHandsOverRestartsAsAStandbyAndTakesTheRoleBack() {
        Plan plan = plan(Map.of("shared_buffers", "256MB"));
        List<String> ids = ids(plan);
        assertTrue(plan.refusals().isEmpty(), plan.refusals().toString());
        assertFalse(ids.contains("node1/restart"), ids.toString());
        for (int i = 1; i < HANDOVER.size(); i++) {
            assertBefore(ids, HANDOVER.get(i - 1), HANDOVER.get(i));
        }
        assertBefore(ids, "node2/restart", "node1/handover-checkpoint");
        assertBefore(ids, "node3/restart", "node1/handover-checkpoint");
        assertBefore(ids, "node1/pgconverge.conf", "node1/handover");
        assertBefore(ids, "node1/take-back", "node1/conf-as-primary");
        assertBefore(ids, "node1/conf-as-primary", "node1/reload-as-primary");
        assertBefore(ids, "node2/hand-back-signal", "node2/start-as-standby");
        assertTrue(plan.graph().dependencies("node2/start-as-standby").contains("node1/take-back"));
        assertTrue(plan.graph().dependencies("node2/handover-replay").contains("node1/handover"));
        assertTrue(plan.graph().dependencies("node1/start-as-standby").containsAll(List.of("node1/conf-as-standby",
                "node1/handover-signal")));
        assertBefore(ids, "node2/start-as-standby", "node1/verify");
        assertBefore(ids, "node1/reload-as-primary", "node1/verify");
    }

    @Test
    void everyStepSaysWhy() {
        Plan plan = plan(Map.of("shared_buffers", "256MB"));
        assertTrue(plan.graph().task("node1/handover-checkpoint").reason().startsWith("restart_method switchover: "
                + "changes of shared_buffers take effect only on restart, so node1 hands the primary role to node2"),
                plan.graph().task("node1/handover-checkpoint").reason());
        assertEquals("node1", ((WaitForReplay) plan.graph().task("node2/handover-replay")).source());
        assertEquals("node2", ((WaitForReplay) plan.graph().task("node1/hand-back-replay")).source());
        assertTrue(plan.graph().task("node1/handover") instanceof Fence);
        assertTrue(plan.graph().task("node1/take-back").reason().contains("shared_buffers in effect"));
        VerifyReplication streams = (VerifyReplication) plan.graph().task("node2/handover-streams");
        assertEquals("node1", streams.standbys().get(0).host());
        assertEquals(Optional.empty(), streams.standbys().get(0).slot());
        for (Task t : plan.tasks()) {
            assertFalse(t.reason().isBlank(), t.id());
        }
    }

    @Test
    void theOldPrimaryFollowsTheNewOneWithoutASlotAndGetsItsOwnConfigurationBack() {
        Plan plan = plan(Map.of("shared_buffers", "256MB"));
        WriteFile asStandby = (WriteFile) plan.graph().task("node1/conf-as-standby");
        WriteFile asPrimary = (WriteFile) plan.graph().task("node1/conf-as-primary");
        WriteFile written = (WriteFile) plan.graph().task("node1/pgconverge.conf");
        String node2 = labCluster(15).host("node2").orElseThrow().address();
        assertTrue(asStandby.after().contains("primary_conninfo = 'host=" + node2 + " "), asStandby.after());
        assertTrue(asStandby.after().contains("application_name=node1"), asStandby.after());
        assertTrue(asStandby.after().contains("shared_buffers = '256MB'") || asStandby.after()
                .contains("shared_buffers = 256MB"), asStandby.after());
        assertFalse(asStandby.after().contains("primary_slot_name"), asStandby.after());
        assertEquals(Optional.of(written.after()), asStandby.before());
        assertEquals(written.after(), asPrimary.after());
        assertEquals(Optional.of(asStandby.after()), asPrimary.before());
    }

    @Test
    void aRaiseRestartsEveryStandbyWithTheHigherValuesBeforeTheHandover() {
        Plan plan = plan(Map.of("max_connections", "200"));
        assertTrue(plan.refusals().isEmpty(), plan.refusals().toString());
        assertTrue(plan.graph().task("node2/restart").reason().startsWith("standbys first: max_connections is raised"));
        assertBefore(ids(plan), "node2/restart", "node1/handover-checkpoint");
        assertBefore(ids(plan), "node3/restart", "node1/handover-checkpoint");
    }

    @Test
    void aLoweringIsRefusedSinceTheOldPrimaryCouldNotStartAsAStandbyOfTheNewOne() {
        Plan plan = plan(Map.of("max_connections", "50"));
        assertEquals(1, plan.refusals().stream().filter(r -> r.message().contains("restart_method: switchover")).count(),
                plan.refusals().toString());
        String refusal = plan.refusals().stream().map(Notice::message)
                .filter(m -> m.contains("restart_method")).findFirst().orElseThrow();
        assertTrue(refusal.contains("it lowers max_connections"), refusal);
        assertTrue(refusal.contains("-e restart_method=restart"), refusal);
    }

    @Test
    void theMostCaughtUpStandbyTakesOver() {
        List<FactsFixtures.Node> nodes = convergedNodes(labCluster(15), secrets());
        nodes.get(2).wal(0x3000100L, 0x3000100L);
        Plan plan = plan(with(15, RestartMethod.SWITCHOVER, Map.of(), Map.of("shared_buffers", "256MB")), nodes);
        assertTrue(ids(plan).contains("node3/take-over"), ids(plan).toString());
        assertFalse(ids(plan).contains("node2/take-over"), ids(plan).toString());
    }

    @Test
    void aDelayedStandbyNeverTakesOverHoweverFarItGot() {
        List<FactsFixtures.Node> nodes = convergedNodes(labCluster(15), secrets());
        nodes.get(1).wal(0x3000200L, 0x3000200L);
        Map<String, StandbySpec> delayed = Map.of("node2", new StandbySpec(Optional.empty(), Optional.of("1h")));
        Plan plan = plan(with(15, RestartMethod.SWITCHOVER, delayed, Map.of("shared_buffers", "256MB")), nodes);
        assertTrue(ids(plan).contains("node3/take-over"), ids(plan).toString());
    }

    @Test
    void withoutAStandbyThatStreamsTheHandoverIsRefusedAndSaysWhy() {
        List<FactsFixtures.Node> nodes = convergedNodes(labCluster(15), secrets());
        nodes.get(1).standby(labCluster(15).primary().address(), "waiting");
        nodes.get(2).stopped();
        Plan plan = plan(with(15, RestartMethod.SWITCHOVER, Map.of(), Map.of("shared_buffers", "256MB")), nodes);
        String refusal = plan.refusals().stream().map(Notice::message)
                .filter(m -> m.contains("restart_method")).findFirst().orElseThrow();
        assertTrue(refusal.contains("no standby can take the primary role (node2 does not stream (its WAL receiver "
                + "is waiting); node3 is not a running standby the plan keeps)"), refusal);
    }

    @Test
    void withSynchronousStandbysThePlanSaysCommitsMayWaitDuringTheHandover() {
        Cluster base = with(15, RestartMethod.SWITCHOVER, Map.of(), Map.of("shared_buffers", "256MB"));
        DesiredState d = base.desired();
        TopologySpec topology = new TopologySpec(RestartMethod.SWITCHOVER, Optional.of(new SynchronousSpec(
                SyncMode.ANY, 1, List.of("node2", "node3"))), Map.of());
        Cluster cluster = new Cluster(new DesiredState(d.source(), d.group(), d.primary(), d.pgVersion(), d.settings(),
                d.archive(), d.hba(), d.roles(), d.replication(), d.marks(), topology), base.members());
        Plan plan = plan(cluster, convergedNodes(labCluster(15), secrets()));
        assertTrue(plan.warnings().stream().anyMatch(w -> w.toString().startsWith("node2: synchronous standbys: while "
                + "node2 is primary")), plan.warnings().toString());
    }

    @Test
    void beforeTwelveTheHandoverIsRefused() {
        Plan plan = plan(with(11, RestartMethod.SWITCHOVER, Map.of(), Map.of("shared_buffers", "256MB")),
                convergedNodes(labCluster(11), secrets()));
        assertTrue(plan.refusals().stream().anyMatch(r -> r.message().contains("it needs PostgreSQL 12 or later")),
                plan.refusals().toString());
    }

    @Test
    void theDefaultRestartsThePrimaryInPlace() {
        Plan plan = plan(with(15, RestartMethod.RESTART, Map.of(), Map.of("shared_buffers", "256MB")),
                convergedNodes(labCluster(15), secrets()));
        assertTrue(ids(plan).contains("node1/restart"));
        assertFalse(ids(plan).stream().anyMatch(id -> id.contains("take-over") || id.contains("handover")));
    }

    @Test
    void aChangeWithoutARestartOfThePrimaryHandsNothingOver() {
        Plan plan = plan(Map.of("work_mem", "8MB"));
        assertFalse(ids(plan).stream().anyMatch(id -> id.contains("take-over") || id.contains("handover")),
                ids(plan).toString());
    }
}
