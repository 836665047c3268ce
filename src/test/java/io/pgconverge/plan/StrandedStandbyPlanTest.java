package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.HotStandbyFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Start;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A standby that stopped because a reduction reached it before its replay is brought back by the next plan. */
class StrandedStandbyPlanTest {
    private static final List<String> COMPLAINT = List.of(
            "FATAL: recovery aborted because of insufficient parameter settings",
            "DETAIL: max_connections = 100 is a lower setting than on the primary server, where its value was 200.");
    private final Cluster cluster = labCluster(15);

    private static NodeFacts with(NodeFacts n, HotStandbyFacts h) {
        return n.withHotStandby(h);
    }

    private ClusterFacts strandedNode2(HotStandbyFacts h) {
        List<FactsFixtures.Node> nodes = FactsFixtures.convergedNodes(cluster, secrets());
        Map<String, NodeFacts> facts = new LinkedHashMap<>();
        nodes.forEach(n -> facts.put(n.build().host(), n.build()));
        facts.put("node2", with(nodes.get(1).stopped().build(), h));
        return new ClusterFacts(facts);
    }

    @Test
    void itStartsWithItsControlFileValuesReplaysThePrimarysAndRestartsWithItsOwn() {
        Plan plan = planner().plan(cluster, strandedNode2(new HotStandbyFacts(
                Map.of("max_connections", 200L), COMPLAINT)), secrets());
        List<String> ids = plan.tasks().stream().map(Task::id).filter(id -> id.startsWith("node2/")).toList();
        assertEquals(List.of("node2/start", "node2/replay-settings", "node2/restart", "node2/record-applied"), ids);
        Start start = (Start) plan.graph().task("node2/start");
        assertTrue(start.command().line().contains("-o '-c config_file=/srv/lab/node2/conf/postgresql.conf -c max_connections=200'"), start.command().line());
        assertTrue(start.reason().contains("insufficient parameter settings"), start.reason());
        WaitForControlData wait = (WaitForControlData) plan.graph().task("node2/replay-settings");
        assertEquals(Map.of("max_connections setting", 100L), wait.atMost(), "down to what node1 runs with");
        assertEquals(List.of("max_connections"), ((Restart) plan.graph().task("node2/restart")).settings());
        assertTrue(plan.graph().dependencies("node1/verify").contains("node2/restart"));
        assertTrue(plan.refusals().isEmpty());
    }

    @Test
    void aStoppedStandbyWithoutTheComplaintIsSimplyStarted() {
        Plan plan = planner().plan(cluster, strandedNode2(new HotStandbyFacts(Map.of("max_connections", 200L),
                List.of())), secrets());
        Start start = (Start) plan.graph().task("node2/start");
        assertTrue(!start.command().line().contains("-c max_connections"), start.command().line());
        assertTrue(plan.tasks().stream().noneMatch(t -> t instanceof WaitForControlData));
    }

    @Test
    void aControlFileAskingNoMoreThanThePrimaryRunsWithIsAWarningNotARepair() {
        Plan plan = planner().plan(cluster, strandedNode2(new HotStandbyFacts(Map.of("max_connections", 100L),
                COMPLAINT)), secrets());
        assertTrue(plan.warnings().stream().anyMatch(w -> w.message().contains("raise its own values")),
                plan.warnings().toString());
    }

    @Test
    void theFactsReadTheComplaintOnlyWhenItIsAboutParameterSettings() {
        var control = io.pgconverge.facts.ControlData.parse("max_connections setting:              200\n"
                + "wal_level setting:                    replica\nmax_locks_per_xact setting:           64\n");
        HotStandbyFacts h = HotStandbyFacts.of(control, "x FATAL:  recovery aborted because of insufficient parameter"
                + " settings\nx DETAIL:  max_connections = 100 is a lower setting than on the primary server\n");
        assertEquals(Map.of("max_connections", 200L, "max_locks_per_xact", 64L), h.controlSettings());
        assertTrue(h.stranded());
        assertTrue(!HotStandbyFacts.of(control, "x FATAL:  the database system is starting up\n").stranded());
    }
}
