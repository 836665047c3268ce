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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: an apply killed anywhere (the test-only kill switch halts the JVM before a named task, or kill -9 at a
 * random moment, remote shells included) leaves a cluster the next apply converges: exactly one primary, every
 * acknowledged row kept, the lock taken over or unlocked, no remote copy left running, no secret anywhere, and
 * then an empty plan.
 */
@Tag("fault-matrix")
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashSafetyIT {
    private static final Pattern TASK = Pattern.compile("\\[\\d+ ([^\\]]+)\\]");
    private final CliProcess cli = new CliProcess();
    private final List<String> outputs = new ArrayList<>();
    private RunningLab lab;
    private LabSql sql;
    private String primary = "node1";
    private SecretScan scan;

    @BeforeAll
    void startSampling(RunningLab lab) {
        this.lab = lab;
        this.sql = new LabSql(lab);
        scan = SecretScan.sampling(List.of(cli.secret("PGC_REPL_PASSWORD"), cli.secret("PGC_POSTGRES_PASSWORD"),
                cli.secret("PGC_PGPOOL_PASSWORD")));
    }

    @Test
    @Order(1)
    void aFirstBuildKilledBeforeAStandbyStartsIsCompletedAndItsStaleLockTakenOver() {
        CliProcess.Result killed = killedAt("node2/start");
        CliProcess.Result plan = record(cli.run(lab, "plan"));
        assertTrue(plan.err().contains("node1: the apply lock is held by apply ") && plan.err().contains("(gone"),
                plan.all());
        CliProcess.Result again = record(cli.converge(lab));
        assertTrue(again.out().contains("took over the apply lock from apply"), again.out());
        assertTrue(again.out().contains("node2/intent-done: done"), again.out());
        convergedWithOnePrimary();
        System.out.println("first build killed before node2/start:\n" + killed.err() + again.out());
    }

    @Test
    @Order(2)
    void aSwitchoverKilledAtEveryTaskBoundaryConvergesAndLosesNoAcknowledgedCommit() {
        sql.query(primary, "CREATE TABLE it_load(id bigint PRIMARY KEY, note text)");
        List<String> boundaries = new ArrayList<>();
        long started = System.nanoTime();
        try (AckedWriter writer = AckedWriter.startOnPrimary(lab.nodes(), cli.secret("PGC_POSTGRES_PASSWORD"), 1)) {
            writer.awaitAcks(100, 30000);
            for (int k = 0; ; k++) {
                String to = primary.equals("node1") ? "node2" : "node1";
                List<String> tasks = tasksOf(record(cli.run(lab, "plan", "-e", "primary=" + to)).out());
                if (k >= tasks.size()) {
                    break;
                }
                boundaries.add(tasks.get(k));
                killedAt(tasks.get(k), "-e", "primary=" + to);
                if (k == 0) {
                    CliProcess.Result unlock = record(cli.run(lab, "unlock"));
                    assertTrue(unlock.out().contains("node1: removed ") && unlock.out().contains(", held by apply "),
                            unlock.all());
                }
                record(cli.converge(lab, "-e", "primary=" + to));
                primary = to;
                convergedWithOnePrimary();
                int before = writer.count();
                writer.awaitAcks(before + 50, 60000);
            }
            writer.close();
            List<Long> acked = writer.acknowledged();
            everyAcknowledgedRowIsOn(primary, acked);
            System.out.println("switchover fault matrix: " + boundaries.size() + " boundaries " + boundaries + " in "
                    + (System.nanoTime() - started) / 1_000_000_000 + " s; " + acked.size()
                    + " acknowledged commits, all " + acked.size() + " rows checked on " + primary
                    + ", 0 lost; longest gap between acknowledged commits " + writer.longestGapMillis() + " ms");
        }
        assertTrue(boundaries.size() >= 8, boundaries.toString());
    }

    @Test
    @Order(3)
    void aPlannedSwitchoverUnderWriteLoadLosesNothing() {
        long first = Long.parseLong(sql.query(primary, "SELECT coalesce(max(id), 0) FROM it_load")) + 1_000_000;
        String to = primary.equals("node1") ? "node2" : "node1";
        try (AckedWriter writer = AckedWriter.startOnPrimary(lab.nodes(), cli.secret("PGC_POSTGRES_PASSWORD"), first)) {
            writer.awaitAcks(500, 30000);
            record(cli.converge(lab, "-e", "primary=" + to));
            primary = to;
            writer.awaitAcks(writer.count() + 500, 60000);
            writer.close();
            everyAcknowledgedRowIsOn(primary, writer.acknowledged());
            System.out.println("switchover under load: " + writer.count() + " acknowledged commits over one "
                    + "connection, all checked on " + primary + ", 0 lost; longest write outage "
                    + writer.longestGapMillis() + " ms");
        }
        convergedWithOnePrimary();
    }

    @Test
    @Order(4)
    void killedAtRandomMomentsOfARebuildNothingKeepsRunningAndNoPassfileSurvives() throws Exception {
        String standby = lab.nodes().stream().map(LabNode::name).filter(n -> !n.equals(primary)).findFirst()
                .orElseThrow();
        sql.query(primary, "CREATE TABLE it_bulk AS SELECT g AS id, repeat(md5(g::text), 20) AS pad"
                + " FROM generate_series(1, 300000) g; CHECKPOINT");
        Random random = new Random(12);
        for (int round = 0; round < 3; round++) {
            LabNode n = sql.node(standby);
            sql.rootShell(standby, "pg_ctlcluster " + lab.pgVersion() + " main stop -m fast\nmv " + n.dataDir() + " "
                    + n.dataDir() + ".it-gone-" + round + "\n");
            Process apply = cli.start(lab, "apply", "--yes", "-e", "primary=" + primary);
            LabSql.sleep(1500 + random.nextInt(2500));
            killRemoteShells(random);
            apply.destroyForcibly().waitFor();
            LabSql.sleep(5000);
            List<String> left = running("pg_basebackup", "pg_rewind");
            assertTrue(left.isEmpty(), "still running after the client died: " + left);
            record(cli.converge(lab, "-e", "primary=" + primary));
            convergedWithOnePrimary();
        }
    }

    @AfterAll
    void noSecretAnywhere() throws IOException {
        scan.close();
        outputs.forEach(o -> scan.text("output", o));
        Path planFile = Files.createTempFile("pgc-plan", ".json");
        record(cli.run(lab, "plan", "--out", planFile.toString(), "--format", "json"));
        scan.text("plan file", Files.readString(planFile));
        Files.delete(planFile);
        List<Path> roots = new ArrayList<>(lab.nodes().stream().map(n -> n.dataDir().getParent()).toList());
        try (Stream<Path> tmp = Files.list(Path.of("/tmp"))) {
            roots.addAll(tmp.filter(p -> p.getFileName().toString().startsWith("tmp.")).toList());
        }
        scan.files(roots, "/pgconverge.pgpass");
        for (LabNode n : lab.nodes()) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files
                    .getPosixFilePermissions(n.confDir().resolve("pgconverge.pgpass"))), "the walreceiver's passfile");
        }
        System.out.println("secrets: " + scan.samples() + " samples of every process's command line and "
                + "environment, " + outputs.size() + " outputs, a plan file and every file of the nodes (but the "
                + "walreceiver's own 0600 passfile) searched: "
                + scan.found().size() + " found");
        assertEquals(List.of(), scan.found());
    }

    private CliProcess.Result killedAt(String task, String... more) {
        List<String> args = new ArrayList<>(List.of("--yes"));
        args.addAll(List.of(more));
        CliProcess.Result r = record(new CliProcess().with("PGCONVERGE_TEST_KILL_AT", task)
                .run(lab, "apply", args.toArray(String[]::new)));
        assertEquals(137, r.exitCode(), "killed before " + task + ": " + r.all());
        return r;
    }

    private CliProcess.Result record(CliProcess.Result r) {
        outputs.add(r.all());
        return r;
    }

    private static List<String> tasksOf(String planText) {
        List<String> ids = new ArrayList<>();
        Matcher m = TASK.matcher(planText);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private void convergedWithOnePrimary() {
        List<String> primaries = lab.nodes().stream().map(LabNode::name)
                .filter(n -> sql.query(n, "SELECT pg_is_in_recovery()").equals("f")).toList();
        assertEquals(List.of(primary), primaries);
        CliProcess.Result next = record(cli.run(lab, "plan", "-e", "primary=" + primary, "--detailed-exitcode"));
        assertEquals(0, next.exitCode(), "the next plan is empty:\n" + next.all());
    }

    private void everyAcknowledgedRowIsOn(String node, List<Long> acked) {
        String ids = acked.stream().map(String::valueOf).collect(Collectors.joining(","));
        assertEquals(String.valueOf(acked.size()), sql.query(node, "SELECT count(*) FROM it_load WHERE id = ANY('{"
                + ids + "}'::bigint[])"));
    }

    /** kill -9 of some of the node user's remote shells (bash -s), as a crash of the session would. */
    private void killRemoteShells(Random random) {
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").equals("bash -s")
                && p.info().user().orElse("").equals(lab.nodeUser())).filter(p -> random.nextBoolean())
                .forEach(ProcessHandle::destroyForcibly);
    }

    private static List<String> running(String... names) {
        return ProcessHandle.allProcesses().map(p -> p.info().command().orElse(""))
                .filter(c -> Stream.of(names).anyMatch(c::endsWith)).toList();
    }
}
