package io.pgconverge.plan;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.model.NodePaths;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.task.RemoveFile;
import io.pgconverge.plan.task.WriteFile;
import io.pgconverge.render.TemplateRenderer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.pgconverge.plan.FactsFixtures.CLUSTER_ID;
import static io.pgconverge.plan.FactsFixtures.convergedNodes;
import static io.pgconverge.plan.FactsFixtures.node;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static io.pgconverge.plan.FactsFixtures.withPrimary;
import static io.pgconverge.plan.PlannerTest.ids;
import static io.pgconverge.plan.TakeoverPlannerTest.assertBefore;
import static io.pgconverge.plan.TakeoverPlannerTest.refusals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the next plan makes of the states an apply killed at any moment leaves behind. */
class InterruptedApplyPlannerTest {
    private final Cluster lab = FactsFixtures.labCluster(15);
    private final List<Host> hosts = lab.members();

    private Plan plan(String primary, List<FactsFixtures.Node> nodes) {
        return TakeoverPlannerTest.plan(lab, primary, PlanOptions.defaults(), nodes);
    }

    private List<FactsFixtures.Node> converged() {
        return new ArrayList<>(convergedNodes(lab, secrets()));
    }

    private String signal(int node) {
        return NodePaths.of(hosts.get(node).pg()).standbySignal();
    }

    @Test
    void aRebuildIsMarkedBeforeTheStopAndUnmarkedAfterTheStart() {
        List<FactsFixtures.Node> nodes = converged();
        nodes.set(1, node(hosts.get(1)));
        Plan plan = plan("node1", nodes);
        WriteFile intent = (WriteFile) plan.graph().task("node2/intent");
        assertEquals("base-backup node1\nplanned\n", intent.after());
        assertEquals(NodePaths.of(hosts.get(1).pg()).intent(), intent.path());
        assertBefore(plan, "node2/intent", "node2/stop");
        assertBefore(plan, "node2/start", "node2/intent-done");
    }

    @Test
    void aStandbyLeftStoppedBeforeOrDuringItsBaseBackupIsRebuiltNeverJustStarted() {
        for (String text : List.of("base-backup node1\nplanned\n", "base-backup node1\ncopying\n", "garbage")) {
            List<FactsFixtures.Node> nodes = converged();
            nodes.get(1).stopped().intent(text);
            Plan plan = plan("node1", nodes);
            assertFalse(plan.refused(), refusals(plan));
            assertTrue(ids(plan).containsAll(List.of("node2/basebackup", "node2/start", "node2/intent-done")),
                    text + ": " + ids(plan));
            assertTrue(plan.graph().task("node2/basebackup").reason().startsWith("an earlier apply was interrupted"),
                    plan.graph().task("node2/basebackup").reason());
        }
        List<FactsFixtures.Node> unmarked = converged();
        unmarked.get(1).stopped();
        assertFalse(ids(plan("node1", unmarked)).contains("node2/basebackup"), "without a marker it is started");
    }

    @Test
    void aLongCommandStillRunningFromAnEarlierApplyIsSaidInThePlan() {
        List<FactsFixtures.Node> nodes = converged();
        nodes.get(1).stopped().intent("base-backup node1\ncopying\n")
                .liveJob("pid=4242\nstart=123456\nwhat=pg_basebackup from node1\n");
        Plan plan = plan("node1", nodes);
        assertTrue(plan.warnings().stream().anyMatch(n -> n.toString().contains("node2")
                && n.toString().contains("pg_basebackup from node1 (pid 4242) started by an earlier apply is still"
                + " running")), plan.warnings().toString());
        assertTrue(ids(plan).contains("node2/basebackup"), ids(plan).toString());
        assertTrue(plan("node1", converged()).warnings().stream().noneMatch(n -> n.toString().contains("still running")));
    }

    @Test
    void aFinishedBaseBackupWithoutItsStandbySettingsIsCompletedNotTakenForAFormerPrimary() {
        List<FactsFixtures.Node> nodes = converged();
        nodes.get(1).stopped().control("in production", 0x3000028L).noFile(signal(1));
        nodes.get(1).inRecovery = false;
        Plan refused = plan("node1", nodes);
        assertTrue(refused.refused(), "without the marker it looks like a former primary");

        nodes.get(1).intent("base-backup node1\ncopied\n");
        Plan plan = plan("node1", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertFalse(ids(plan).contains("node2/basebackup") || ids(plan).contains("node2/rewind"), ids(plan).toString());
        assertBefore(plan, "node2/standby.signal", "node2/start");
        assertBefore(plan, "node2/start", "node2/intent-done");
        assertTrue(plan.graph().task("node2/intent-done") instanceof RemoveFile);
    }

    /** node2 the primary on timeline 2; node1 a stopped former primary on timeline 1. */
    private List<FactsFixtures.Node> afterFailover() {
        List<FactsFixtures.Node> nodes = new ArrayList<>(convergedNodes(withPrimary(lab, "node2"), secrets()));
        nodes.get(1).timeline(2).current(0x6000000L).noSlot("127_0_0_11");
        nodes.set(0, node(hosts.get(0)).system(CLUSTER_ID).stopped().walLogHints(true)
                .convergedFiles(new DesiredFiles(lab, secrets(), TemplateRenderer.builtIn()).of(hosts.get(0))));
        return nodes;
    }

    @Test
    void aRewindInterruptedMidCopyIsRedoneByABaseBackup() {
        List<FactsFixtures.Node> nodes = afterFailover();
        nodes.get(0).intent("rewind node2\ncopying\n");
        Plan plan = plan("node2", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertTrue(ids(plan).contains("node1/basebackup"), ids(plan).toString());
        assertFalse(ids(plan).contains("node1/rewind"));
    }

    @Test
    void aFinishedRewindWithoutItsStandbySettingsNeedsNoForce() {
        List<FactsFixtures.Node> nodes = afterFailover();
        nodes.get(0).timeline(2);
        assertTrue(plan("node2", nodes).refused(), "on the same timeline and out of recovery: refused without --force");
        nodes.get(0).intent("rewind node2\ncopied\n");
        Plan plan = plan("node2", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertFalse(ids(plan).contains("node1/rewind") || ids(plan).contains("node1/basebackup"), ids(plan).toString());
        assertTrue(ids(plan).containsAll(List.of("node1/standby.signal", "node1/start", "node1/intent-done")));
    }

    @Test
    void aRunningStandbyWithAStaleMarkerOnlyLosesTheMarker() {
        List<FactsFixtures.Node> nodes = converged();
        nodes.get(2).intent("base-backup node1\ncopied\n");
        assertEquals(List.of("node3/intent-done"), ids(plan("node1", nodes)));
    }

    @Test
    void aHalfMadeDesiredPrimaryIsRefused() {
        List<FactsFixtures.Node> nodes = converged();
        nodes.get(0).stopped().intent("base-backup node2\ncopying\n");
        assertTrue(refusals(plan("node1", nodes)).contains("node1: its data directory may be half-made"),
                refusals(plan("node1", nodes)));
    }

    @Test
    void afterAPromotionTheOtherStandbyIsRePointedNotRebuilt() {
        List<FactsFixtures.Node> nodes = afterFailover();
        nodes.get(0).control("shut down", 0x5000028L);
        nodes.get(2).standby("127.0.0.11", null)
                .convergedFiles(new DesiredFiles(lab, secrets(), TemplateRenderer.builtIn()).of(hosts.get(2)));
        nodes.get(1).noSlot("127_0_0_13");
        Plan plan = plan("node2", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertFalse(ids(plan).contains("node3/basebackup"), ids(plan).toString());
        assertTrue(ids(plan).containsAll(List.of("node2/slot/127_0_0_13", "node3/pgconverge.conf", "node3/reload")),
                ids(plan).toString());
    }

    @Test
    void aSwitchoverKilledAfterTheFenceIsResumedThoughTheStandbyReportsALaggingTimeline() {
        List<FactsFixtures.Node> nodes = new ArrayList<>(convergedNodes(withPrimary(lab, "node2"), secrets()));
        nodes.get(1).timeline(2).stopped().control("shut down", 0x6000028L);
        nodes.get(0).standby("127.0.0.12", null).timeline(1).wal(0x6000100L, 0x60000A0L);
        Plan plan = plan("node1", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertBefore(plan, "node1/wait-for-replay", "node1/promote");
        nodes.get(0).timeline(3);
        assertTrue(plan("node1", nodes).refused(), "a standby on a newer timeline than the old primary is no successor");
    }

    @Test
    void aSwitchoverKilledBeforeTheOldPrimaryStartsDropsItsSlotsOnceItRunsAsAStandby() {
        List<FactsFixtures.Node> nodes = converged();
        nodes.get(1).stopped().control("shut down", 0x6000028L);
        Plan plan = plan("node1", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertTrue(ids(plan).containsAll(List.of("node2/start", "node2/slot/127_0_0_11", "node2/slot/127_0_0_13")),
                ids(plan).toString());
        assertBefore(plan, "node2/start", "node2/slot/127_0_0_13");
        nodes.get(1).control("shut down in recovery", 0x6000028L);
        assertFalse(ids(plan("node1", nodes)).stream().anyMatch(id -> id.startsWith("node2/slot/")),
                "a stopped standby holds no primary's slots");
    }

    @Test
    void aRejoinKilledAfterTheRewindDropsTheSlotsPgRewindKept() {
        List<FactsFixtures.Node> nodes = afterFailover();
        nodes.get(0).intent("rewind node2\ncopied\n").control("in archive recovery", 0x6000028L);
        Plan plan = plan("node2", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertTrue(ids(plan).containsAll(List.of("node1/start", "node1/slot/127_0_0_12", "node1/slot/127_0_0_13")),
                ids(plan).toString());
    }

    @Test
    void aConfigurationWrittenButNeverReloadedIsReloaded() {
        List<FactsFixtures.Node> nodes = converged();
        nodes.get(2).setting("primary_conninfo", "host=127.0.0.12 port=5442 user=repl", "sighup",
                "configuration file", NodePaths.of(hosts.get(2).pg()).pgconvergeConf());
        Plan plan = plan("node1", nodes);
        assertTrue(ids(plan).contains("node3/reload"), ids(plan).toString());
        assertFalse(ids(plan).contains("node3/pgconverge.conf"), "the file is right already");
        assertEquals(List.of(), ids(plan("node1", converged())), "converged: nothing");
    }
}
