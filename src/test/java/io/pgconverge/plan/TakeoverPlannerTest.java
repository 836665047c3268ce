package io.pgconverge.plan;

import io.pgconverge.facts.NodeFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.task.BaseBackup;
import io.pgconverge.plan.task.Rewind;
import io.pgconverge.plan.task.VerifyReplication;
import io.pgconverge.plan.task.WaitForReplay;
import io.pgconverge.plan.task.WriteFile;
import io.pgconverge.plan.topology.ExpectedStandby;
import io.pgconverge.render.TemplateRenderer;
import io.pgconverge.render.TextPlanRenderer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.pgconverge.plan.FactsFixtures.CLUSTER_ID;
import static io.pgconverge.plan.FactsFixtures.convergedNodes;
import static io.pgconverge.plan.FactsFixtures.node;
import static io.pgconverge.plan.FactsFixtures.planner;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static io.pgconverge.plan.FactsFixtures.withPrimary;
import static io.pgconverge.plan.PlannerTest.ids;
import static io.pgconverge.plan.PlannerTest.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Switchover and failover: the desired primary is a standby of the cluster's current (or last) primary. */
class TakeoverPlannerTest {
    private final Cluster lab = FactsFixtures.labCluster(15);
    private final List<Host> hosts = lab.members();

    /** node1 the running primary, node2 and node3 streaming standbys of it. */
    private List<FactsFixtures.Node> streaming() {
        return new ArrayList<>(convergedNodes(lab, secrets()));
    }

    static Plan plan(Cluster cluster, String primary, PlanOptions options, List<FactsFixtures.Node> nodes) {
        return planner().plan(withPrimary(cluster, primary), FactsFixtures.facts(nodes.stream()
                .map(FactsFixtures.Node::build).toArray(NodeFacts[]::new)), secrets(), options);
    }

    private Plan plan(String primary, List<FactsFixtures.Node> nodes) {
        return plan(lab, primary, PlanOptions.defaults(), nodes);
    }

    static void assertBefore(Plan plan, String first, String then) {
        assertTrue(position(plan, first) < position(plan, then), first + " before " + then + ": " + ids(plan));
        assertTrue(reaches(plan, first, then), then + " depends on " + first);
    }

    /** {@code then} runs only after {@code first}: a path of dependencies leads from one to the other. */
    static boolean reaches(Plan plan, String first, String then) {
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(first));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (id.equals(then)) {
                return true;
            }
            if (seen.add(id)) {
                todo.addAll(plan.graph().dependents(id));
            }
        }
        return false;
    }

    static String refusals(Plan plan) {
        return String.join("\n", plan.refusals().stream().map(Notice::toString).toList());
    }

    static String warnings(Plan plan) {
        return String.join("\n", plan.warnings().stream().map(Notice::toString).toList());
    }

    @Test
    void aSwitchoverFencesWaitsPromotesThenRepointsAndDemotesWithoutRewind() {
        Plan plan = plan("node2", streaming());
        assertFalse(plan.refused(), refusals(plan));
        assertEquals(List.of("node1/fence", "node2/slot/127_0_0_11", "node2/slot/127_0_0_13", "node2/wait-for-replay",
                "node2/promote", "node2/pgconverge.conf", "node2/reload", "node2/checkpoint",
                "node1/pgconverge.conf", "node1/standby.signal", "node1/start", "node3/pgconverge.conf",
                "node3/reload", "node1/slot/127_0_0_12", "node1/slot/127_0_0_13", "node2/verify"), ids(plan));
        assertBefore(plan, "node1/fence", "node2/wait-for-replay");
        assertBefore(plan, "node2/slot/127_0_0_11", "node2/promote"); // keeps the WAL the others need from here on
        assertBefore(plan, "node2/wait-for-replay", "node2/promote");
        assertBefore(plan, "node2/slot/127_0_0_13", "node3/reload");
        assertBefore(plan, "node2/slot/127_0_0_11", "node1/start");
        assertBefore(plan, "node2/slot/127_0_0_11", "node2/checkpoint");
        assertBefore(plan, "node2/promote", "node1/standby.signal");
        assertBefore(plan, "node3/reload", "node1/slot/127_0_0_13");
        assertEquals("node1", ((WaitForReplay) plan.graph().task("node2/wait-for-replay")).source());
        assertTrue(plan.tasks().stream().noneMatch(t -> t instanceof Rewind || t instanceof BaseBackup));
        VerifyReplication verify = (VerifyReplication) plan.graph().task("node2/verify");
        assertEquals(List.of("node1", "node3"), verify.standbys().stream().map(ExpectedStandby::host).toList());
        String conf = ((WriteFile) plan.graph().task("node1/pgconverge.conf")).after();
        assertTrue(conf.contains("primary_conninfo = 'host=127.0.0.12 port=5442"), conf);
    }

    @Test
    void afterASwitchoverStoppedAtTheWaitTheOldPrimaryIsStartedAgainAsThePrimary() {
        List<FactsFixtures.Node> nodes = streaming();
        nodes.get(0).stopped().control("shut down", 0x3000100L);
        nodes.get(1).standby("127.0.0.11", null);
        nodes.get(2).standby("127.0.0.11", null);
        Plan plan = plan("node1", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertEquals(List.of("node1/start", "node1/verify"), ids(plan));
    }

    @Test
    void aSwitchoverNeedsTheDesiredPrimaryToStreamFromTheOldOne() {
        List<FactsFixtures.Node> nodes = streaming();
        nodes.get(1).standby("127.0.0.11", "waiting");
        Plan plan = plan("node2", nodes);
        assertTrue(refusals(plan).startsWith("node2: a switchover from node1 needs node2 to stream from it"),
                refusals(plan));
    }

    @Test
    void theNextPlanAfterASwitchoverIsEmpty() {
        Plan plan = planner().plan(withPrimary(lab, "node2"), FactsFixtures.converged(withPrimary(lab, "node2"),
                secrets()), secrets());
        assertEquals(List.of(), ids(plan));
    }

    @Test
    void aSwitchoverFromACleanlyStoppedPrimaryWhoseLastWalWasReplayedNeedsNoFence() {
        List<FactsFixtures.Node> nodes = streaming();
        nodes.get(0).stopped().control("shut down", 0x3000100L);
        nodes.get(1).standby("127.0.0.11", null).wal(0x3000180L, 0x3000180L);
        Plan plan = plan("node2", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertFalse(ids(plan).contains("node1/fence"));
        assertTrue(ids(plan).containsAll(List.of("node2/wait-for-replay", "node2/promote", "node1/start")));
        assertTrue(ids(plan).containsAll(List.of("node1/slot/127_0_0_12", "node1/slot/127_0_0_13")),
                "a stopped former primary's slots are unknown: each name its standbys used is dropped");
    }

    @Test
    void aStoppedPrimaryWhoseLastWalDidNotArriveIsRefusedUnlessForced() {
        List<FactsFixtures.Node> nodes = streaming();
        nodes.get(0).stopped().control("shut down", 0x3000100L);
        nodes.get(1).standby("127.0.0.11", null);
        nodes.get(2).standby("127.0.0.11", null);
        Plan plan = plan("node2", nodes);
        assertTrue(refusals(plan).startsWith("node2: node1 was shut down cleanly at 0/3000100 (timeline 1) but node2 "
                + "has replayed only up to 0/3000060"), refusals(plan));
        Plan forced = plan(lab, "node2", new PlanOptions(true), nodes);
        assertFalse(forced.refused(), refusals(forced));
        assertTrue(ids(forced).contains("node2/promote"));
        assertFalse(ids(forced).contains("node2/wait-for-replay"));
        assertTrue(ids(forced).stream().noneMatch(id -> id.startsWith("node1/")), ids(forced).toString());
    }

    @Test
    void aFailoverPromotesAndRepointsAndLeavesTheOldPrimaryToRejoinLater() {
        List<FactsFixtures.Node> nodes = streaming();
        nodes.get(1).standby("127.0.0.11", null);
        nodes.get(2).standby("127.0.0.11", null);
        List<FactsFixtures.Node> rest = nodes.subList(1, 3);
        Plan plan = planner().plan(withPrimary(lab, "node2"), FactsFixtures.facts(Stream.concat(Stream.of(
                NodeFacts.unreachable("node1", "ssh: connection refused")), rest.stream().map(FactsFixtures.Node::build))
                .toArray(NodeFacts[]::new)), secrets());
        assertFalse(plan.refused(), refusals(plan));
        assertEquals(List.of("node2/slot/127_0_0_13", "node2/promote", "node2/pgconverge.conf", "node2/reload",
                "node2/checkpoint", "node3/pgconverge.conf", "node3/reload", "node2/verify"), ids(plan));
        assertTrue(warnings(plan).contains("node1: the old primary is unreachable (ssh: connection refused): nothing "
                + "is planned for it; it rejoins as a standby of node2 when reachable"), warnings(plan));
        assertTrue(warnings(plan).contains("node2: failover: whatever node1 committed after 0/3000060 on timeline 1"
                + " (the most WAL node2 received from it) never reached node2 and is lost"), warnings(plan));
    }

    @Test
    void aFailoverLeavesADownOldPrimaryUntouched() {
        List<FactsFixtures.Node> nodes = streaming();
        nodes.get(0).stopped().control("in production", 0x3000028L);
        nodes.get(1).standby("127.0.0.11", null);
        nodes.get(2).standby("127.0.0.11", null);
        Plan plan = plan("node2", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertTrue(ids(plan).stream().noneMatch(id -> id.startsWith("node1/")), ids(plan).toString());
        assertTrue(warnings(plan).contains("node1: the old primary is down: nothing is planned for it; it rejoins"),
                warnings(plan));
    }

    @Test
    void aFailoverToAStandbyBehindAnotherIsRefusedAndNamesTheOtherUnlessForced() {
        List<FactsFixtures.Node> nodes = streaming();
        nodes.get(0).stopped().control("in production", 0x3000028L);
        nodes.get(1).standby("127.0.0.11", null).wal(0x5000000L, 0x5000000L);
        nodes.get(2).standby("127.0.0.11", null).wal(0x5000000L, 0x4000000L);
        Plan plan = plan("node3", nodes);
        assertEquals("node3: node2 has more WAL (timeline 1, replayed 0/5000000, received 0/5000000) than node3 "
                + "(timeline 1, replayed 0/4000000, received 0/5000000): promoting node3 would lose what only node2 "
                + "has; promote node2 instead (-e primary=node2), or add --force", refusals(plan));
        Plan forced = plan(lab, "node3", new PlanOptions(true), nodes);
        assertFalse(forced.refused());
        assertTrue(warnings(forced).contains("node3: forced failover: node2 has more WAL"), warnings(forced));
        assertTrue(ids(plan(lab, "node2", PlanOptions.defaults(), nodes)).contains("node2/promote"));
    }

    @Test
    void aNewerTimelineOnAnotherStandbyMakesItTheBetterCandidate() {
        List<FactsFixtures.Node> nodes = streaming();
        nodes.get(0).stopped().control("in production", 0x3000028L);
        nodes.get(1).standby("127.0.0.11", null).wal(0x5000000L, 0x5000000L);
        nodes.get(2).standby("127.0.0.11", null).wal(0x4000000L, 0x4000000L).timeline(2);
        assertTrue(refusals(plan("node2", nodes)).startsWith("node2: node3 has more WAL (timeline 2"));
    }

    @Test
    void noFailoverWhileAStandbyStillStreamsFromTheUnreachableOldPrimary() {
        List<FactsFixtures.Node> nodes = streaming();
        nodes.get(1).standby("127.0.0.11", null);
        Plan plan = planner().plan(withPrimary(lab, "node2"), FactsFixtures.facts(
                NodeFacts.unreachable("node1", "ssh: timeout"), nodes.get(1).build(), nodes.get(2).build()), secrets());
        assertTrue(refusals(plan).startsWith("node2: node3 still streams from node1, so node1 runs although the "
                + "engine cannot reach it"), refusals(plan));
    }

    @Test
    void twoPrimariesAndAPlaybookNamingNeitherIsRefused() {
        List<FactsFixtures.Node> nodes = streaming();
        Cluster asNode2 = withPrimary(lab, "node2");
        FactsFixtures.Node second = node(hosts.get(1)).system(CLUSTER_ID).timeline(2)
                .convergedFiles(new DesiredFiles(asNode2, secrets(), TemplateRenderer.builtIn()).of(hosts.get(1)));
        nodes.set(1, second);
        Plan plan = plan("node3", nodes);
        assertEquals("node3: node1 and node2 are both out of recovery and the playbook names neither as the primary "
                + "(it names node3, a standby): refusing to act; name the node that should stay primary, and the "
                + "other is fenced and rejoined", refusals(plan));
    }

    @Test
    void aDesiredPrimaryThatIsAStoppedStandbyIsRefused() {
        List<FactsFixtures.Node> nodes = streaming();
        nodes.get(1).stopped();
        Plan plan = plan("node2", nodes);
        assertTrue(refusals(plan).startsWith("node2: the desired primary is a standby that is not running"),
                refusals(plan));
    }

    @Test
    void aPromotedPrimaryWaitingToForgetItsRecoveryTimelineIsNoWarning() {
        List<FactsFixtures.Node> nodes = new ArrayList<>(convergedNodes(withPrimary(lab, "node2"), secrets()));
        nodes.get(1).pendingRestart("recovery_target_timeline").pendingRestart("shared_buffers");
        Plan plan = plan("node2", nodes);
        assertEquals("node2: shared_buffers changed outside the playbook and waits for a restart, which this plan's "
                + "restart applies", warnings(plan));
        assertEquals(List.of("shared_buffers"), ((io.pgconverge.plan.task.Restart) plan.graph().task("node2/restart"))
                .settings());
    }

    @Test
    void theSwitchoverPlanReadsAsGolden() {
        Golden.assertMatches("switchover", "plan.txt", new TextPlanRenderer(false).render(plan("node2", streaming())));
    }

    @Test
    void theFailoverPlanReadsAsGolden() {
        List<FactsFixtures.Node> nodes = streaming();
        nodes.get(0).stopped().control("in production", 0x3000028L);
        nodes.get(1).standby("127.0.0.11", null).wal(0x3000100L, 0x3000100L);
        nodes.get(2).standby("127.0.0.11", null).wal(0x3000100L, 0x3000100L);
        Golden.assertMatches("failover", "plan.txt", new TextPlanRenderer(false).render(plan("node2", nodes)));
    }

    @Test
    void staleSlotsOnAStandbyAreDroppedWhenInactive() {
        List<FactsFixtures.Node> nodes = streaming();
        nodes.get(2).slot("127_0_0_12", false).slot("127_0_0_14", true).slot("keep_me", false);
        Plan plan = plan("node1", nodes);
        assertEquals(List.of("node3/slot/127_0_0_12"), ids(plan).stream().filter(id -> id.contains("/slot/")).toList());
    }
}
