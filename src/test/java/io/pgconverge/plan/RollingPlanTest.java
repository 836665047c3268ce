package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.WaitForControlData;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.pgconverge.plan.FactsFixtures.labCluster;
import static io.pgconverge.plan.FactsFixtures.planner;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hot-standby parameters rolled through the converged lab: the order, the waits and the reasons shown. */
class RollingPlanTest {

    private static Cluster with(int version, Map<String, String> changes) {
        Cluster base = labCluster(version);
        Map<String, String> settings = new LinkedHashMap<>(base.desired().settings());
        settings.putAll(changes);
        DesiredState d = base.desired();
        return new Cluster(new DesiredState(d.source(), d.group(), d.primary(), d.pgVersion(), settings, d.archive(),
                d.hba(), d.roles(), d.replication(), d.marks()), base.members());
    }

    private static Plan plan(int version, Map<String, String> changes) {
        ClusterFacts facts = FactsFixtures.converged(labCluster(version), secrets());
        return planner().plan(with(version, changes), facts, secrets());
    }

    private static List<String> order(Plan plan) {
        return plan.tasks().stream().map(Task::id).filter(id -> id.endsWith("restart") || id.endsWith("settings"))
                .toList();
    }

    @Test
    void aLoweringRestartsThePrimaryThenEachStandbyOnceItHasReplayedTheNewValues() {
        Plan plan = plan(15, Map.of("max_connections", "50"));
        assertEquals(List.of("node1/restart", "node2/replay-settings", "node2/restart", "node3/replay-settings",
                "node3/restart"), order(plan));
        WaitForControlData wait = (WaitForControlData) plan.graph().task("node2/replay-settings");
        assertEquals(Map.of("max_connections setting", 50L), wait.atMost());
        assertEquals("node1", wait.source());
        assertEquals(List.of("node2/pgconverge.conf", "node2/replay-settings"),
                List.copyOf(plan.graph().dependencies("node2/restart")));
        assertTrue(plan.graph().dependencies("node2/replay-settings").contains("node1/restart"));
        assertTrue(plan.graph().task("node1/restart").reason().startsWith("primary first: max_connections is lowered"),
                plan.graph().task("node1/restart").reason());
        assertTrue(plan.graph().task("node3/restart").reason()
                .startsWith("after it has replayed node1's restart: max_connections is lowered"));
        assertTrue(plan.refusals().isEmpty());
    }

    @Test
    void aRaiseRestartsEveryStandbyBeforeThePrimaryWithoutWaiting() {
        Plan plan = plan(15, Map.of("max_connections", "200", "max_locks_per_transaction", "128"));
        List<String> order = order(plan);
        assertEquals("node1/restart", order.get(order.size() - 1), order.toString());
        assertFalse(plan.tasks().stream().anyMatch(t -> t instanceof WaitForControlData));
        assertEquals("standbys first: max_connections, max_locks_per_transaction are raised",
                plan.graph().task("node2/restart").reason().split("; ")[0]);
        assertTrue(plan.graph().task("node1/restart").reason().startsWith("after the standbys:"));
    }

    @Test
    void eachLoweredParameterIsWaitedForUnderItsControlDataLabel() {
        Plan plan = plan(15, Map.of("max_connections", "50", "max_wal_senders", "5"));
        WaitForControlData wait = (WaitForControlData) plan.graph().task("node3/replay-settings");
        assertEquals(Map.of("max_connections setting", 50L, "max_wal_senders setting", 5L), wait.atMost());
        assertEquals(List.of("max_connections setting <= 50", "max_wal_senders setting <= 5"), wait.conditions());
        assertEquals(List.of("max_connections", "max_wal_senders"), wait.parameters());
    }

    @Test
    void beforeTwelveALoweredMaxWalSendersIsNotWaitedFor() {
        Plan plan = plan(11, Map.of("max_wal_senders", "5"));
        assertFalse(plan.tasks().stream().anyMatch(t -> t instanceof WaitForControlData), plan.tasks().toString());
        assertTrue(plan.graph().dependencies("node2/restart").contains("node1/restart"));
    }

    @Test
    void theRestartStillNamesTheParametersItIsFor() {
        Plan plan = plan(15, Map.of("max_connections", "50"));
        assertEquals(List.of("max_connections"), ((Restart) plan.graph().task("node2/restart")).settings());
    }
}
