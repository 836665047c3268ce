package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.plan.task.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.pgconverge.plan.FactsFixtures.labCluster;
import static io.pgconverge.plan.FactsFixtures.node;
import static io.pgconverge.plan.FactsFixtures.planner;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanLimitTest {
    private final Cluster cluster = labCluster(15);
    private final List<Host> hosts = cluster.members();

    private Plan fresh() {
        return planner().plan(cluster, FactsFixtures.facts(node(hosts.get(0)).build(), node(hosts.get(1)).build(),
                node(hosts.get(2)).build()), secrets());
    }

    @Test
    void keepsOnlyTheSelectedHostsTasksInTheSameOrder() {
        Plan full = fresh();
        Plan limited = PlanLimit.apply(full, List.of("node1", "node3"));
        List<String> expected = full.tasks().stream().map(Task::id)
                .filter(id -> !id.startsWith("node2/") && !id.equals("node1/verify")).toList();
        assertEquals(expected, limited.tasks().stream().map(Task::id).toList());
        assertFalse(limited.refused(), limited.refusals().toString());
        assertTrue(limited.warnings().stream().anyMatch(w -> w.toString().equals("replication is not verified:"
                + " --limit leaves out node2")));
        assertTrue(limited.warnings().stream().anyMatch(w -> w.toString().startsWith("node2: ")
                && w.toString().endsWith("left out by --limit")));
        assertEquals(Set.of("node1/slot/127_0_0_13"), Set.copyOf(limited.graph().dependencies("node3/basebackup"))
                .stream().filter(d -> d.startsWith("node1/slot")).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aStandbyWithoutTheTasksItNeedsOnThePrimaryIsRefusedWithTheReason() {
        Plan limited = PlanLimit.apply(fresh(), List.of("node2"));
        assertTrue(limited.refused());
        assertTrue(limited.refusals().stream().anyMatch(r -> r.toString().equals("node2: node2/basebackup needs"
                + " node1/slot/127_0_0_12, which --limit leaves out; add node1 to --limit")), limited.refusals().toString());
    }

    @Test
    void aChangeOfPrimaryNeedsEveryHostThatHasWorkInIt() {
        Cluster switched = FactsFixtures.withPrimary(cluster, "node2");
        ClusterFacts converged = FactsFixtures.converged(cluster, secrets());
        Plan full = planner().plan(switched, converged, secrets());
        Plan limited = PlanLimit.apply(full, List.of("node1", "node2"));
        assertTrue(limited.refusals().stream().anyMatch(r -> r.toString().equals("node3: the primary changes in this"
                + " plan and node3 would keep following the old one; add node3 to --limit")), limited.refusals().toString());
        assertEquals(full, PlanLimit.apply(full, List.of("node1", "node2", "node3")));
    }
}
