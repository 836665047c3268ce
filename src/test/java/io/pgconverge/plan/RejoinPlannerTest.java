package io.pgconverge.plan;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.task.Rewind;
import io.pgconverge.plan.task.WriteFile;
import io.pgconverge.render.TemplateRenderer;
import io.pgconverge.render.TextPlanRenderer;
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
import static io.pgconverge.plan.TakeoverPlannerTest.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A former primary beside the desired primary after a failover: fenced, then rewound or rebuilt. */
class RejoinPlannerTest {
    private final Cluster lab = FactsFixtures.labCluster(15);
    private final List<Host> hosts = lab.members();

    /** node2 the primary on timeline 2 (node3 streams from it), node1 back as a primary on timeline 1. */
    private List<FactsFixtures.Node> afterFailover() {
        List<FactsFixtures.Node> nodes = new ArrayList<>(convergedNodes(withPrimary(lab, "node2"), secrets()));
        nodes.get(1).timeline(2).current(0x6000000L).noSlot("127_0_0_11");
        nodes.set(0, node(hosts.get(0)).system(CLUSTER_ID).current(0x5000100L).walLogHints(true)
                .convergedFiles(new DesiredFiles(lab, secrets(), TemplateRenderer.builtIn()).of(hosts.get(0)))
                .slot("127_0_0_12", false).slot("127_0_0_13", false));
        return nodes;
    }

    private Plan plan(String primary, List<FactsFixtures.Node> nodes) {
        return TakeoverPlannerTest.plan(lab, primary, PlanOptions.defaults(), nodes);
    }

    @Test
    void aFormerPrimaryOnAnOlderTimelineIsFencedRewoundAndStartedAsAStandby() {
        Plan plan = plan("node2", afterFailover());
        assertFalse(plan.refused(), refusals(plan));
        assertEquals(List.of("node1/intent", "node1/fence", "node2/slot/127_0_0_11", "node2/checkpoint", "node1/rewind",
                "node1/pgconverge.conf", "node1/standby.signal", "node1/start", "node1/intent-done", "node1/slot/127_0_0_12",
                "node1/slot/127_0_0_13", "node2/verify"), ids(plan));
        assertBefore(plan, "node1/fence", "node1/rewind");
        assertBefore(plan, "node2/checkpoint", "node1/rewind");
        assertBefore(plan, "node2/slot/127_0_0_11", "node1/rewind");
        assertBefore(plan, "node1/rewind", "node1/standby.signal");
        Rewind rewind = (Rewind) plan.graph().task("node1/rewind");
        assertEquals("node2", rewind.source());
        assertEquals("two primaries: it is out of recovery like node2; node1 is on timeline 1 at 0/5000100, node2 on "
                + "timeline 2 at 0/6000000: fenced first (it must take no writes while node2 is primary), then rewound "
                + "with pg_rewind (it has wal_log_hints or data checksums) and started as a standby of node2; what it "
                + "wrote after the timelines diverged is discarded", rewind.reason());
        assertEquals("/srv/lab/node1/conf/pgconverge-rewind.pgpass", rewind.passfile());
        assertTrue(rewind.command().startsWith("PGPASSFILE=/dev/fd/3 "
                + "/usr/lib/postgresql/15/bin/pg_rewind -D /srv/lab/node1/data --source-server='host=127.0.0.12 "
                + "port=5442 user=postgres dbname=postgres'"), rewind.command());
        assertFalse(rewind.details().toString().contains("pg-secret"));
    }

    @Test
    void theRejoinPlanReadsAsGolden() {
        Golden.assertMatches("rejoin", "plan.txt", new TextPlanRenderer(false).render(plan("node2", afterFailover())));
    }

    @Test
    void afterAFailedRewindTheFormerPrimaryIsRebuiltByABaseBackupInstead() {
        List<FactsFixtures.Node> nodes = afterFailover();
        nodes.get(0).file("/srv/lab/node1/conf/pgconverge.rewind-failed",
                "node1: pg_rewind from node2 failed (exit 1): could not find previous WAL record\n");
        Plan plan = plan("node2", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertTrue(ids(plan).contains("node1/basebackup"), ids(plan).toString());
        assertFalse(ids(plan).contains("node1/rewind"));
        assertTrue(plan.graph().task("node1/basebackup").reason().contains("pg_rewind failed on an earlier apply"
                + " (node1: pg_rewind from node2 failed (exit 1): could not find previous WAL record)"),
                plan.graph().task("node1/basebackup").reason());
    }

    @Test
    void withoutWalLogHintsOrChecksumsTheFormerPrimaryIsRebuiltByABaseBackup() {
        List<FactsFixtures.Node> nodes = afterFailover();
        nodes.get(0).walLogHints(false);
        Plan plan = plan("node2", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertTrue(ids(plan).containsAll(List.of("node1/fence", "node1/basebackup", "node1/start")), ids(plan).toString());
        assertFalse(ids(plan).contains("node1/rewind"));
        assertTrue(plan.graph().task("node1/basebackup").reason().endsWith("rebuilt by a base backup of node2 because "
                + "pg_rewind needs wal_log_hints or data checksums, and it has neither; its data directory is moved "
                + "aside"), plan.graph().task("node1/basebackup").reason());
        assertBefore(plan, "node1/fence", "node1/basebackup");
    }

    @Test
    void aStoppedFormerPrimaryIsRewoundWithoutAFence() {
        List<FactsFixtures.Node> nodes = afterFailover();
        nodes.get(0).stopped().control("in production", 0x5000028L);
        Plan plan = plan("node2", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertFalse(ids(plan).contains("node1/fence"));
        assertTrue(ids(plan).containsAll(List.of("node1/rewind", "node1/start")));
        assertTrue(plan.graph().task("node1/rewind").details().toString().contains("--single"));
    }

    @Test
    void aFormerPrimaryWhoseTimelineIsNotOlderIsRefusedUnlessForced() {
        List<FactsFixtures.Node> nodes = afterFailover();
        Plan plan = plan("node1", nodes);
        assertTrue(refusals(plan).startsWith("node2: two primaries: it is out of recovery like node1, and its "
                + "history is not older than node1's (node2 is on timeline 2 at 0/6000000, node1 on timeline 1 at "
                + "0/5000100), so it may hold transactions node1 lacks"), refusals(plan));
        Plan forced = TakeoverPlannerTest.plan(lab, "node1", new PlanOptions(true), nodes);
        assertFalse(forced.refused(), refusals(forced));
        assertTrue(ids(forced).containsAll(List.of("node2/fence", "node2/rewind", "node2/start")));
        assertTrue(warnings(forced).contains("node2: forced: node2 is on timeline 2"), warnings(forced));
    }

    @Test
    void thePostgresqlAutoConfPgRewindCopiesLosesTheSettingsTheEngineManages() {
        List<FactsFixtures.Node> nodes = afterFailover();
        nodes.get(1).file("/srv/lab/node2/data/postgresql.auto.conf", "# Do not edit this file manually!\n"
                + "primary_conninfo = 'host=127.0.0.11 user=repl'\nwork_mem = '8MB'\n");
        Plan plan = plan("node2", nodes);
        WriteFile auto = (WriteFile) plan.graph().task("node1/auto.conf");
        assertEquals("/srv/lab/node1/data/postgresql.auto.conf", auto.path());
        assertEquals("# Do not edit this file manually!\nwork_mem = '8MB'\n", auto.after());
        assertBefore(plan, "node1/rewind", "node1/auto.conf");
        assertBefore(plan, "node1/auto.conf", "node1/start");
    }

    @Test
    void aStandbyStrandedOnTheOldTimelineIsStoppedAndRewound() {
        List<FactsFixtures.Node> nodes = afterFailover();
        nodes.set(0, convergedNodes(withPrimary(lab, "node2"), secrets()).get(0).walLogHints(true)
                .standby("127.0.0.12", null).wal(0x5000100L, 0x5000100L));
        Plan plan = plan("node2", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertTrue(ids(plan).containsAll(List.of("node1/stop", "node1/rewind", "node1/start")), ids(plan).toString());
        assertTrue(plan.graph().task("node1/rewind").reason().startsWith("it is a standby of node2 that does not "
                + "stream (no WAL receiver) and is still on timeline 1 at 0/5000100 while node2 is on timeline 2"),
                plan.graph().task("node1/rewind").reason());
        nodes.get(0).standby("127.0.0.12", "streaming");
        assertFalse(ids(plan("node2", nodes)).contains("node1/rewind"), "a standby that streams is left alone");
    }

    @Test
    void aFormerPrimaryBesideAStoppedPrimaryIsRewoundOnceThePrimaryRuns() {
        List<FactsFixtures.Node> nodes = afterFailover();
        nodes.get(1).stopped().control("shut down", 0x6000000L);
        Plan plan = plan("node2", nodes);
        assertFalse(plan.refused(), refusals(plan));
        assertBefore(plan, "node2/start", "node2/checkpoint");
        assertBefore(plan, "node2/start", "node1/rewind");
    }
}
