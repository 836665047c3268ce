package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.ControlData;
import io.pgconverge.facts.HotStandbyFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.ServerConcerns;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Start;
import io.pgconverge.plan.task.Stop;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.WaitForControlData;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
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
 * A standby whose replay paused because the primary's max_connections rose above its own (PostgreSQL 14 and later
 * pause a hot standby there instead of stopping it) is resumed by the next plan.
 */
class PausedStandbyPlanTest {
    private static final List<String> WARNING = List.of(
            "WARNING: hot standby is not possible because of insufficient parameter settings",
            "DETAIL: max_connections = 100 is a lower setting than on the primary server, where its value was 150.");

    private static Cluster with(Map<String, String> changes) {
        Cluster base = labCluster(15);
        Map<String, String> settings = new LinkedHashMap<>(base.desired().settings());
        settings.putAll(changes);
        DesiredState d = base.desired();
        return new Cluster(new DesiredState(d.source(), d.group(), d.primary(), d.pgVersion(), settings, d.archive(),
                d.hba(), d.roles(), d.replication(), d.marks()), base.members());
    }

    /** The converged lab with node1 running max_connections 150 and node2 paused at its parameter record. */
    private static ClusterFacts pausedNode2(String pauseState, List<String> logged, String primaryValue) {
        return pausedNode2(pauseState, logged, primaryValue, 150L);
    }

    private static ClusterFacts pausedNode2(String pauseState, List<String> logged, String primaryValue,
                                            long control) {
        List<FactsFixtures.Node> nodes = FactsFixtures.convergedNodes(labCluster(15), secrets());
        nodes.get(0).setting("max_connections", primaryValue, "postmaster", "configuration file", null);
        Map<String, NodeFacts> facts = new LinkedHashMap<>();
        nodes.forEach(n -> facts.put(n.build().host(), n.build()));
        NodeFacts n = nodes.get(1).build();
        ServerFacts s = n.server().orElseThrow().withConcerns(new ServerConcerns(List.of(), List.of(),
                Optional.of(pauseState)));
        facts.put("node2", new NodeFacts(n.host(), n.reachable(), n.unreachableReason(), n.os(), n.binDir(),
                n.dataDir(), n.files(), n.running(), Optional.of(s), n.serverError(), n.lastApplied(), n.address(),
                n.installedVersion(), n.platform(), n.leftovers(),
                new HotStandbyFacts(Map.of("max_connections", control), List.of(), logged)));
        return new ClusterFacts(facts);
    }

    private static List<String> ids(Plan plan, String host) {
        return plan.tasks().stream().map(Task::id).filter(id -> id.startsWith(host + "/")).toList();
    }

    @Test
    void whenThePlaybookRaisesTheValueTooARestartWithItResumesReplay() {
        Plan plan = planner().plan(with(Map.of("max_connections", "150")), pausedNode2("paused", WARNING, "150"),
                secrets());
        Restart restart = (Restart) plan.graph().task("node2/restart");
        assertTrue(restart.reason().contains("its replay is paused because WARNING: hot standby is not possible "
                + "because of insufficient parameter settings | DETAIL: max_connections = 100 is a lower setting than "
                + "on the primary server, where its value was 150."), restart.reason());
        assertTrue(restart.reason().contains("(max_connections=150), at least the primary's, resumes it"),
                restart.reason());
        assertTrue(restart.settings().contains("max_connections"));
        assertFalse(plan.tasks().stream().anyMatch(t -> t instanceof WaitForControlData));
        assertTrue(plan.refusals().isEmpty(), plan.refusals().toString());
    }

    @Test
    void whenThePlaybookKeepsTheLowerValueItRestartsWithThePrimarysUntilThePrimaryComesDown() {
        Plan plan = planner().plan(with(Map.of("max_connections", "100")), pausedNode2("paused", WARNING, "150"),
                secrets());
        assertEquals(List.of("node2/stop", "node2/pgconverge.conf", "node2/start", "node2/replay-settings",
                "node2/restart", "node2/record-applied"), ids(plan, "node2"));
        assertTrue(plan.graph().task("node2/stop") instanceof Stop);
        Start start = (Start) plan.graph().task("node2/start");
        assertTrue(start.command().line().contains("-c max_connections=150"), start.command().line());
        assertTrue(start.reason().startsWith("its replay is paused because WARNING: hot standby"), start.reason());
        WaitForControlData wait = (WaitForControlData) plan.graph().task("node2/replay-settings");
        assertEquals(Map.of("max_connections setting", 100L), wait.atMost());
        assertTrue(plan.graph().dependencies("node2/replay-settings").contains("node1/restart"));
    }

    @Test
    void whenThePrimaryStaysAboveThePlaybookTheStandbyIsLeftPausedWithAWarning() {
        Plan plan = planner().plan(labCluster(15), pausedNode2("paused", WARNING, "150"), secrets());
        assertEquals(List.of(), ids(plan, "node2"));
        assertTrue(plan.warnings().stream().anyMatch(w -> w.toString().startsWith("node2: its replay is paused because"
                + " WARNING: hot standby") && w.toString().endsWith("the playbook keeps its max_connections below what "
                + "node1 runs with: raise it in the playbook, or lower node1's")), plan.warnings().toString());
    }

    @Test
    void withoutTheLogLineTheReasonComesFromTheControlFile() {
        Plan plan = planner().plan(with(Map.of("max_connections", "150")), pausedNode2("pause requested", List.of(),
                "150"), secrets());
        assertTrue(plan.graph().task("node2/restart").reason().contains("max_connections = 100 is below the "
                + "primary's 150 it has replayed"), plan.graph().task("node2/restart").reason());
    }

    @Test
    void aReplayPausedByHandWithSufficientValuesIsLeftAlone() {
        Plan plan = planner().plan(labCluster(15), pausedNode2("paused", List.of(), "100", 100L), secrets());
        assertEquals(List.of(), ids(plan, "node2"));
    }

    @Test
    void theFactsReadThePauseWarningAndItsDetail() {
        HotStandbyFacts h = HotStandbyFacts.of(ControlData.parse("max_connections setting:              150\n"),
                "2026-12-03 LOG:  started streaming\n2026-12-03 WARNING:  hot standby is not possible because of "
                + "insufficient parameter settings\n2026-12-03 DETAIL:  max_connections = 100 is a lower setting than "
                + "on the primary server, where its value was 150.\n2026-12-03 LOG:  recovery has paused\n");
        assertEquals(WARNING, h.pausedFor());
        assertFalse(h.stranded());
        assertEquals(Map.of("max_connections", 150L), h.controlSettings());
    }
}
