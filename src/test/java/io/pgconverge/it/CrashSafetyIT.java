package io.pgconverge.it;

import io.pgconverge.lab.LabExtension;
import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.lab.LabNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static io.pgconverge.it.CrashRounds.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole fault matrix (scripts/test --fault-matrix; CrashSafetySampleIT runs a subset by default): an apply killed
 * at every task boundary of a switchover under write load and of a rejoin by pg_rewind, and by kill -9 at random
 * moments of a rebuild (remote shells included), leaves a cluster the next apply converges: exactly one primary,
 * every standby streaming, every acknowledged row kept, the lock taken over or unlocked, no remote copy left
 * running, no secret anywhere, and then an empty plan. The first build's boundaries each need a fresh lab:
 * bench/crash.sh kills every one of them.
 */
@Tag("fault-matrix")
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashSafetyIT {
    private RunningLab lab;
    private CrashRounds rounds;
    private LabSql sql;
    private String primary = "node1";
    private final List<String> summary = new ArrayList<>();

    @BeforeAll
    void startSampling(RunningLab lab) {
        this.lab = lab;
        this.rounds = new CrashRounds(lab);
        this.sql = rounds.sql();
    }

    @Test
    @Order(1)
    void aFirstBuildKilledBeforeAStandbyStartsIsCompletedAndItsStaleLockTakenOver() {
        rounds.killedAt("node2/start");
        CliProcess.Result plan = rounds.record(rounds.cli().run(lab, "plan"));
        assertMentions(plan, "node1: the apply lock is held by apply ");
        assertMentions(plan, "(gone");
        CliProcess.Result again = rounds.reRun();
        assertMentions(again, "took over the apply lock from apply");
        assertMentions(again, "node2/intent-done: done");
        rounds.converged(primary, List.of());
        report("first build: killed before node2/start, converged");
    }

    @Test
    @Order(2)
    void aSwitchoverKilledAtEveryTaskBoundaryConvergesAndLosesNoAcknowledgedCommit() {
        sql.query(primary, "CREATE TABLE it_load(id bigint PRIMARY KEY, note text)");
        List<String> boundaries = new ArrayList<>();
        long started = System.nanoTime();
        try (AckedWriter writer = AckedWriter.startOnPrimary(lab.nodes(), rounds.cli().secret("PGC_POSTGRES_PASSWORD"),
                1)) {
            writer.awaitAcks(100, 30000);
            for (int k = 0; ; k++) {
                String to = other(primary);
                List<String> tasks = rounds.plannedTasks("-e", "primary=" + to);
                if (k >= tasks.size()) {
                    break;
                }
                boundaries.add(tasks.get(k));
                rounds.killedAt(tasks.get(k), "-e", "primary=" + to);
                if (k == 0) {
                    CliProcess.Result unlock = rounds.record(rounds.cli().run(lab, "unlock"));
                    assertMentions(unlock, "node1: removed ");
                    assertMentions(unlock, ", held by apply ");
                }
                CliProcess.Result again = rounds.reRun("-e", "primary=" + to);
                assertFalse(again.out().contains("/basebackup"), "a switchover rebuilds nothing:\n" + again.out());
                primary = to;
                rounds.converged(primary, writer.acknowledged());
                writer.awaitAcks(writer.count() + 50, 60000);
            }
            writer.close();
            rounds.everyAcknowledgedRowIsOn(primary, writer.acknowledged());
            report("switchover under write load: " + boundaries.size() + " boundaries killed " + boundaries
                    + ", every re-run converged, in " + (System.nanoTime() - started) / 1_000_000_000 + " s; "
                    + writer.count() + " acknowledged commits, " + writer.count() + " rows checked on " + primary
                    + ", 0 lost; longest write outage " + writer.longestGapMillis() + " ms");
        }
        assertTrue(boundaries.size() >= 8, boundaries.toString());
    }

    @Test
    @Order(3)
    void aPlannedSwitchoverUnderWriteLoadLosesNothing() {
        long first = Long.parseLong(sql.query(primary, "SELECT coalesce(max(id), 0) FROM it_load")) + 1_000_000;
        String to = other(primary);
        try (AckedWriter writer = AckedWriter.startOnPrimary(lab.nodes(), rounds.cli().secret("PGC_POSTGRES_PASSWORD"),
                first)) {
            writer.awaitAcks(500, 30000);
            rounds.reRun("-e", "primary=" + to);
            primary = to;
            writer.awaitAcks(writer.count() + 500, 60000);
            writer.close();
            rounds.converged(primary, writer.acknowledged());
            report("switchover under write load: " + writer.count() + " acknowledged commits over one "
                    + "connection, " + writer.count() + " rows checked on " + primary + ", 0 lost; longest write "
                    + "outage " + writer.longestGapMillis() + " ms");
        }
    }

    /**
     * The primary crashes, a failover promotes another node, and the old primary is started again as it was: a
     * second primary, which the next apply fences and rewinds. That apply is killed at each of its boundaries.
     */
    @Test
    @Order(4)
    void aRejoinByRewindKilledAtEveryTaskBoundaryConverges() {
        List<String> boundaries = new ArrayList<>();
        for (int k = 0; ; k++) {
            String old = primary;
            List<Long> rows = failoverLeavingASecondPrimary();
            List<String> tasks = rounds.plannedTasks("-e", "primary=" + primary);
            assertTrue(tasks.contains(old + "/rewind"), tasks.toString());
            if (k >= tasks.size()) {
                rounds.reRun("-e", "primary=" + primary);
                rounds.converged(primary, rows);
                break;
            }
            boundaries.add(tasks.get(k));
            rounds.killedAt(tasks.get(k), "-e", "primary=" + primary);
            CliProcess.Result again = rounds.reRun("-e", "primary=" + primary);
            assertFalse(again.out().contains("/basebackup"), "a rejoin by rewind copies no data directory:\n"
                    + again.out());
            rounds.converged(primary, rows);
        }
        report("rejoin by pg_rewind: " + boundaries.size() + " boundaries killed " + boundaries
                + ", every re-run converged");
        assertTrue(boundaries.size() >= 6, boundaries.toString());
    }

    /**
     * The client is killed (kill -9) as soon as pg_rewind runs on the node: the watchdog ends pg_rewind, and the
     * next apply never starts the half-rewound data directory (it rewinds it again or rebuilds it).
     */
    @Test
    @Order(5)
    void aRejoinKilledWhilePgRewindCopiesIsRedone() throws Exception {
        int caught = 0;
        int tries = 3;
        for (int i = 0; i < tries; i++) {
            String old = primary;
            List<Long> rows = failoverLeavingASecondPrimary();
            Process apply = rounds.cli().start(lab, "apply", "--yes", "-e", "primary=" + primary);
            long deadline = System.currentTimeMillis() + 120_000;
            while (apply.isAlive() && running(List.of("pg_rewind")).isEmpty() && System.currentTimeMillis() < deadline) {
                LabSql.sleep(10);
            }
            boolean during = apply.isAlive() && !running(List.of("pg_rewind")).isEmpty();
            apply.destroyForcibly().waitFor();
            if (during) {
                caught++;
                LabSql.sleep(5000);
                assertEquals(List.of(), running(List.of("pg_rewind")), "pg_rewind outlived the client");
                CliProcess.Result plan = rounds.record(rounds.cli().run(lab, "plan", "-e", "primary=" + primary));
                assertTrue(plan.out().contains(old + "/rewind]") || plan.out().contains(old + "/basebackup]"),
                        "a half-rewound data directory is never just started:\n" + plan.out());
            }
            rounds.reRun("-e", "primary=" + primary);
            rounds.converged(primary, rows);
        }
        report("rejoin killed while pg_rewind ran: " + caught + " of " + tries + " kills landed during pg_rewind,"
                + " every re-run converged");
    }

    /** Rows written on the primary and replicated, its crash, a failover to another node, the old one started again. */
    private List<Long> failoverLeavingASecondPrimary() {
        String old = primary;
        String to = other(old);
        long first = Long.parseLong(sql.query(old, "SELECT coalesce(max(id), 0) FROM it_load")) + 10_000_000;
        List<Long> rows = LongStream.range(first, first + 100).boxed().toList();
        sql.query(old, "INSERT INTO it_load SELECT g, 'before the crash' FROM generate_series(" + first + ", "
                + (first + 99) + ") g");
        sql.await(to, "SELECT count(*) FROM it_load WHERE id >= " + first, "100"::equals, Duration.ofSeconds(60));
        LabProcesses processes = new LabProcesses(lab, sql);
        processes.crash(old);
        rounds.reRun("-e", "primary=" + to);
        primary = to;
        processes.start(old);
        return rows;
    }

    @Test
    @Order(6)
    void killedAtRandomMomentsOfARebuildNothingKeepsRunningAndNoPassfileSurvives() throws Exception {
        String standby = other(primary);
        sql.query(primary, "CREATE TABLE it_bulk AS SELECT g AS id, repeat(md5(g::text), 20) AS pad"
                + " FROM generate_series(1, 300000) g; CHECKPOINT");
        Random random = new Random(12);
        int count = 3;
        for (int round = 0; round < count; round++) {
            LabNode n = sql.node(standby);
            sql.rootShell(standby, "pg_ctlcluster " + lab.pgVersion() + " main stop -m fast\nmv " + n.dataDir() + " "
                    + n.dataDir() + ".it-gone-" + round + "\n");
            Process apply = rounds.cli().start(lab, "apply", "--yes", "-e", "primary=" + primary);
            LabSql.sleep(1500 + random.nextInt(2500));
            killRemoteShells(random);
            apply.destroyForcibly().waitFor();
            LabSql.sleep(5000);
            List<String> left = running(List.of("pg_basebackup", "pg_rewind"));
            assertTrue(left.isEmpty(), "still running after the client died: " + left);
            rounds.reRun("-e", "primary=" + primary);
            rounds.converged(primary, List.of());
        }
        report("rebuild killed by kill -9 at random moments (client and remote shells): " + count
                + " rounds, nothing left running, every re-run converged");
    }

    @AfterAll
    void noSecretAnywhere() throws IOException {
        try {
            rounds.noSecretAnywhere(primary);
        } finally {
            report(rounds.convergedReRuns() + " re-runs converged (one primary, every standby streaming, every "
                    + "acknowledged row present, empty next plan)");
            System.out.println("crash safety matrix:\n  " + String.join("\n  ", summary));
        }
    }

    /** Printed at once (a matrix stopped part-way still shows what it proved) and again in the summary. */
    private void report(String line) {
        System.out.println("crash safety: " + line);
        summary.add(line);
    }

    private String other(String node) {
        return node.equals("node1") ? "node2" : "node1";
    }

    /** kill -9 of some of the node user's remote shells (bash -s) in this lab, as a crash of the session would. */
    private void killRemoteShells(Random random) {
        rounds.nodeProcesses().stream().filter(p -> p.info().commandLine().orElse("").equals("bash -s")
                && p.info().user().orElse("").equals(lab.nodeUser())).filter(p -> random.nextBoolean())
                .forEach(ProcessHandle::destroyForcibly);
    }

    private List<String> running(List<String> names) {
        return rounds.nodeProcesses().stream().map(p -> p.info().command().orElse(""))
                .filter(c -> names.stream().anyMatch(c::endsWith)).toList();
    }
}
