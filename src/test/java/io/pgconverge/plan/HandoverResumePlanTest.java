package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.Host;
import io.pgconverge.model.NodePaths;
import io.pgconverge.model.RestartMethod;
import io.pgconverge.model.TopologySpec;
import io.pgconverge.plan.task.RemoveFile;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.WriteFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
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

/**
 * A restart by handover (node1 hands the role to node2) killed at each of its task boundaries: the next plan
 * completes it from the facts and the marker on node1, and without the marker or the evidence it refuses as before.
 */
class HandoverResumePlanTest {
    private static final String MARKER = "handover node2\nplanned\n";
    private final Cluster cluster = switchover();
    private final List<Host> hosts = cluster.members();

    private static Cluster switchover() {
        Cluster base = labCluster(15);
        DesiredState d = base.desired();
        Map<String, String> settings = new LinkedHashMap<>(d.settings());
        settings.put("shared_buffers", "256MB");
        TopologySpec topology = new TopologySpec(RestartMethod.SWITCHOVER, Optional.empty(), Map.of());
        return new Cluster(new DesiredState(d.source(), d.group(), d.primary(), d.pgVersion(), settings, d.archive(),
                d.hba(), d.roles(), d.replication(), d.marks(), topology), base.members());
    }

    private Plan plan(List<FactsFixtures.Node> nodes) {
        ClusterFacts facts = FactsFixtures.facts(nodes.stream().map(FactsFixtures.Node::build).toArray(NodeFacts[]::new));
        return planner().plan(cluster, facts, secrets());
    }

    private static List<String> ids(Plan plan) {
        return plan.tasks().stream().map(Task::id).toList();
    }

    private NodePaths paths(int node) {
        return NodePaths.of(hosts.get(node).pg());
    }

    /** The new values written everywhere, the standbys restarted, node1 fenced cleanly and node2 promoted. */
    private List<FactsFixtures.Node> promoted() {
        List<FactsFixtures.Node> nodes = new ArrayList<>(convergedNodes(cluster, secrets()));
        nodes.get(0).stopped().control("shut down", 0x5000028L).intent(MARKER);
        FactsFixtures.Node t = nodes.get(1).timeline(2).current(0x5000100L).noFile(paths(1).standbySignal());
        t.inRecovery = false;
        t.upstream = Optional.empty();
        nodes.get(2).standby(hosts.get(0).address(), null);
        return nodes;
    }

    /** The files node1 gets as node2's standby, as the resumed plan writes them. */
    private List<FactsFixtures.Node> withStandbySettings() {
        Plan first = plan(promoted());
        WriteFile conf = (WriteFile) first.graph().task("node1/conf-as-standby");
        WriteFile signal = (WriteFile) first.graph().task("node1/handover-signal");
        List<FactsFixtures.Node> nodes = promoted();
        nodes.get(0).file(conf.path(), conf.after()).file(signal.path(), signal.after());
        return nodes;
    }

    private static void assertHandBack(Plan plan) {
        assertTrue(plan.refusals().isEmpty(), plan.refusals().toString());
        List<String> ids = ids(plan);
        List<String> order = List.of("node2/handover-streams", "node2/hand-back-checkpoint", "node2/hand-back",
                "node1/hand-back-replay", "node1/take-back", "node1/conf-as-primary", "node1/reload-as-primary",
                "node1/handover-done");
        for (int i = 1; i < order.size(); i++) {
            assertTrue(ids.indexOf(order.get(i - 1)) >= 0 && ids.indexOf(order.get(i - 1)) < ids.indexOf(order.get(i)),
                    order.get(i - 1) + " before " + order.get(i) + ": " + ids);
        }
        assertTrue(ids.indexOf("node2/hand-back-signal") < ids.indexOf("node2/start-as-standby"), ids.toString());
        assertTrue(plan.graph().dependencies("node1/handover-done").contains("node2/start-as-standby"));
        assertFalse(ids.contains("node1/handover"), ids.toString());
        assertFalse(ids.contains("node2/take-over"), ids.toString());
        assertTrue(ids.stream().noneMatch(id -> id.contains("rewind") || id.contains("basebackup")), ids.toString());
    }

    @Test
    void theHandoverWritesItsMarkerBeforeTheFenceAndRemovesItOnceTheRoleIsBack() {
        Plan plan = planner().plan(cluster, FactsFixtures.converged(labCluster(15), secrets()), secrets());
        List<String> ids = ids(plan);
        WriteFile marker = (WriteFile) plan.graph().task("node1/handover-intent");
        assertEquals(MARKER, marker.after());
        assertEquals(paths(0).intent(), marker.path());
        assertTrue(ids.indexOf("node1/handover-checkpoint") < ids.indexOf("node1/handover-intent"), ids.toString());
        assertTrue(plan.graph().dependencies("node1/handover").contains("node1/handover-intent"));
        RemoveFile done = (RemoveFile) plan.graph().task("node1/handover-done");
        assertEquals(paths(0).intent(), done.path());
        assertTrue(plan.graph().dependencies("node1/handover-done").containsAll(List.of("node1/reload-as-primary",
                "node2/start-as-standby")));
    }

    @Test
    void aStaleMarkerOnARunningPrimaryIsOverwrittenByTheNewHandoverNotRemovedAfterItsFence() {
        List<FactsFixtures.Node> nodes = new ArrayList<>(convergedNodes(labCluster(15), secrets()));
        nodes.get(0).intent("handover node3\nplanned\n");
        Plan plan = plan(nodes);
        List<String> ids = ids(plan);
        assertTrue(ids.contains("node1/handover-intent"), ids.toString());
        assertFalse(ids.contains("node1/intent-done"), ids.toString());
    }

    @Test
    void killedAfterThePromotionTheOldPrimaryGetsItsStandbySettingsStartsAndTakesTheRoleBack() {
        Plan plan = plan(promoted());
        assertHandBack(plan);
        List<String> ids = ids(plan);
        WriteFile conf = (WriteFile) plan.graph().task("node1/conf-as-standby");
        assertTrue(conf.after().contains("primary_conninfo = 'host=" + hosts.get(1).address() + " "), conf.after());
        assertTrue(plan.graph().dependencies("node1/start-as-standby").containsAll(List.of("node1/conf-as-standby",
                "node1/handover-signal")));
        assertTrue(ids.indexOf("node1/start-as-standby") < ids.indexOf("node2/handover-streams"), ids.toString());
        assertTrue(plan.warnings().stream().anyMatch(w -> w.message().contains("completes the handover")),
                plan.warnings().toString());
    }

    @Test
    void killedBeforeTheOldPrimaryStartsAsAStandbyItIsStartedWithoutWritingItsSettingsAgain() {
        Plan plan = plan(withStandbySettings());
        assertHandBack(plan);
        List<String> ids = ids(plan);
        assertTrue(ids.contains("node1/start-as-standby"), ids.toString());
        assertFalse(ids.contains("node1/conf-as-standby"), ids.toString());
        assertFalse(ids.contains("node1/handover-signal"), ids.toString());
    }

    @Test
    void killedWhileTheOldPrimaryRunsAsAStandbyTheHandBackFollows() {
        List<FactsFixtures.Node> nodes = withStandbySettings();
        nodes.get(0).running = true;
        nodes.get(0).standby(hosts.get(1).address(), "streaming").timeline(2).wal(0x5000200L, 0x5000200L)
                .control(null, 0x5000028L);
        Plan plan = plan(nodes);
        assertHandBack(plan);
        assertFalse(ids(plan).contains("node1/start-as-standby"), ids(plan).toString());
    }

    @Test
    void killedAfterTheHandBackFenceThePlaybooksPrimaryIsPromotedAndTheMarkerRemoved() {
        List<FactsFixtures.Node> nodes = withStandbySettings();
        nodes.get(0).running = true;
        nodes.get(0).standby(hosts.get(1).address(), null).timeline(2).wal(0x6000100L, 0x60000A0L)
                .control(null, 0x5000028L);
        nodes.get(1).stopped().control("shut down", 0x6000028L);
        Plan plan = plan(nodes);
        assertTrue(plan.refusals().isEmpty(), plan.refusals().toString());
        List<String> ids = ids(plan);
        List<String> order = List.of("node1/hand-back-replay", "node1/take-back", "node1/conf-as-primary",
                "node1/reload-as-primary", "node1/handover-done");
        for (int i = 1; i < order.size(); i++) {
            assertTrue(ids.indexOf(order.get(i - 1)) >= 0 && ids.indexOf(order.get(i - 1)) < ids.indexOf(order.get(i)),
                    order.get(i - 1) + " before " + order.get(i) + ": " + ids);
        }
        assertTrue(plan.graph().dependencies("node2/start-as-standby").containsAll(List.of("node1/take-back",
                "node2/hand-back-signal")), ids.toString());
        assertFalse(ids.contains("node2/hand-back") || ids.contains("node2/handover-streams"), ids.toString());
    }

    @Test
    void killedAfterTheHandBackFenceAndTheStandbySignalThePlaybooksPrimaryTakesTheRoleBack() {
        List<FactsFixtures.Node> nodes = withStandbySettings();
        nodes.get(0).running = true;
        nodes.get(0).standby(hosts.get(1).address(), null).timeline(2).wal(0x6000100L, 0x60000A0L)
                .control(null, 0x5000028L);
        nodes.get(1).stopped().control("shut down", 0x6000028L).file(paths(1).standbySignal(), "");
        Plan plan = plan(nodes);
        assertTrue(plan.refusals().isEmpty(), plan.refusals().toString());
        assertTrue(ids(plan).containsAll(List.of("node1/take-back", "node2/start-as-standby")), ids(plan).toString());
    }

    @Test
    void killedAfterTheHandBackFenceButShortOfItsShutdownCheckpointNothingIsResumed() {
        List<FactsFixtures.Node> nodes = withStandbySettings();
        nodes.get(0).running = true;
        nodes.get(0).standby(hosts.get(1).address(), null).timeline(2).wal(0x6000000L, 0x6000000L)
                .control(null, 0x5000028L);
        nodes.get(1).stopped().control("shut down", 0x6000028L);
        Plan plan = plan(nodes);
        assertFalse(ids(plan).contains("node1/take-back"), ids(plan).toString());
    }

    @Test
    void killedAfterTheTakeBackTheHandedBackStandbyStartsWithoutARewind() {
        List<FactsFixtures.Node> nodes = withStandbySettings();
        nodes.get(0).running = true;
        nodes.get(0).timeline(3).noFile(paths(0).standbySignal()).control(null, 0x5000028L);
        nodes.get(1).stopped().control("shut down", 0x6000028L);
        nodes.get(2).standby(hosts.get(0).address(), "streaming").timeline(3);
        Plan plan = plan(nodes);
        assertTrue(plan.refusals().isEmpty(), plan.refusals().toString());
        List<String> ids = ids(plan);
        assertTrue(ids.contains("node2/start"), ids.toString());
        assertTrue(ids.contains("node2/standby.signal") || ids.stream().anyMatch(id -> id.startsWith("node2/")
                && plan.graph().task(id) instanceof WriteFile w && w.path().equals(paths(1).standbySignal())),
                ids.toString());
        assertTrue(ids.stream().noneMatch(id -> id.contains("rewind") || id.contains("basebackup")), ids.toString());
        assertTrue(ids.contains("node1/intent-done"), ids.toString());
    }

    @Test
    void withoutTheMarkerTwoPrimariesAreStillRefused() {
        List<FactsFixtures.Node> nodes = promoted();
        nodes.get(0).intent = Optional.empty();
        Plan plan = plan(nodes);
        assertTrue(plan.refusals().stream().anyMatch(r -> r.message().contains("two primaries")
                || r.message().contains("not older")), plan.refusals().toString());
    }

    @Test
    void withoutEvidenceThatTheOldPrimaryStoppedWhereTheNewTimelineBeginsNothingIsResumed() {
        List<FactsFixtures.Node> crashed = promoted();
        crashed.get(0).control("in production", 0x5000028L);
        List<FactsFixtures.Node> skipped = promoted();
        skipped.get(1).timeline(3);
        for (List<FactsFixtures.Node> nodes : List.of(crashed, skipped)) {
            Plan plan = plan(nodes);
            assertFalse(plan.refusals().isEmpty(), ids(plan).toString());
            assertFalse(ids(plan).contains("node1/start-as-standby"), ids(plan).toString());
        }
    }
}
