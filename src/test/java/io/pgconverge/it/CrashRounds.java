package io.pgconverge.it;

import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.lab.LabNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rounds of the fault-injection tests: an apply killed just before a named task (the test-only kill switch
 * halts the JVM as kill -9 would), the re-run, and what must hold after it — exactly one primary, every other node
 * streaming from it, every acknowledged row on it, an empty next plan. All along, the replication, superuser and
 * become passwords are sampled in every process's command line and environment; at the end they are searched in
 * every output, a plan file and every file the nodes wrote (the PostgreSQL logs and data directories included).
 */
final class CrashRounds implements AutoCloseable {
    private static final Pattern TASK = Pattern.compile("\\[\\d+ ([^\\]]+)\\]");
    private static final Duration STREAMING = Duration.ofSeconds(90);

    private final RunningLab lab;
    private final LabSql sql;
    /** Secrets of this run alone: a process of another lab on the machine never counts as a leak of this one. */
    private final String run = Long.toString(System.nanoTime(), 36);
    private final CliProcess cli = withSecrets(new CliProcess());
    private final List<String> outputs = new ArrayList<>();
    private final SecretScan scan;
    private int converged;

    CrashRounds(RunningLab lab) {
        this.lab = lab;
        this.sql = new LabSql(lab);
        scan = SecretScan.sampling(List.of(cli.secret("PGC_REPL_PASSWORD"), cli.secret("PGC_POSTGRES_PASSWORD"),
                cli.secret("PGC_PGPOOL_PASSWORD"), becomePassword(lab)));
    }

    private CliProcess withSecrets(CliProcess c) {
        return c.with("PGC_REPL_PASSWORD", "it-repl-" + run).with("PGC_POSTGRES_PASSWORD", "it-postgres-" + run)
                .with("PGC_PGPOOL_PASSWORD", "it-pgpool-" + run);
    }

    private static String becomePassword(RunningLab lab) {
        try {
            return Files.readString(lab.becomePassword()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LabSql sql() {
        return sql;
    }

    CliProcess cli() {
        return cli;
    }

    /** How many re-runs converged (every check of {@link #converged} held). */
    int convergedReRuns() {
        return converged;
    }

    CliProcess.Result record(CliProcess.Result r) {
        outputs.add(r.all());
        return r;
    }

    /** The ids of the tasks {@code plan} shows, in order. */
    List<String> plannedTasks(String... more) {
        List<String> ids = new ArrayList<>();
        Matcher m = TASK.matcher(record(cli.run(lab, "plan", more)).out());
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** {@code apply --yes} killed just before {@code task}. */
    CliProcess.Result killedAt(String task, String... more) {
        List<String> args = new ArrayList<>(List.of("--yes"));
        args.addAll(List.of(more));
        CliProcess.Result r = record(withSecrets(new CliProcess()).with("PGCONVERGE_TEST_KILL_AT", task)
                .run(lab, "apply", args.toArray(String[]::new)));
        assertEquals(137, r.exitCode(), "killed before " + task + ": " + r.all());
        return r;
    }

    /** The re-run: {@code apply --yes}, which must succeed. */
    CliProcess.Result reRun(String... more) {
        return record(cli.converge(lab, more));
    }

    /**
     * Exactly {@code primary} is out of recovery, every other node streams from it, every acknowledged row is on it
     * and the next plan is empty.
     */
    void converged(String primary, List<Long> acknowledged) {
        List<String> primaries = lab.nodes().stream().map(LabNode::name)
                .filter(n -> sql.query(n, "SELECT pg_is_in_recovery()").equals("f")).toList();
        assertEquals(List.of(primary), primaries);
        String standbys = lab.nodes().stream().map(LabNode::name).filter(n -> !n.equals(primary))
                .map(n -> n + "|streaming").collect(Collectors.joining("\n"));
        sql.await(primary, "SELECT application_name || '|' || state FROM pg_stat_replication ORDER BY 1",
                standbys::equals, STREAMING);
        everyAcknowledgedRowIsOn(primary, acknowledged);
        CliProcess.Result next = record(cli.run(lab, "plan", "-e", "primary=" + primary, "--detailed-exitcode"));
        assertEquals(0, next.exitCode(), "the next plan is empty:\n" + next.all());
        converged++;
    }

    void everyAcknowledgedRowIsOn(String node, List<Long> acknowledged) {
        if (acknowledged.isEmpty()) {
            return;
        }
        String ids = acknowledged.stream().map(String::valueOf).collect(Collectors.joining(","));
        assertEquals(String.valueOf(acknowledged.size()), sql.query(node, "SELECT count(*) FROM it_load WHERE id ="
                + " ANY('{" + ids + "}'::bigint[])"), "acknowledged rows present on " + node);
    }

    /** The live processes of the lab's nodes (whose root directory is a node's), not those of other labs. */
    List<ProcessHandle> nodeProcesses() {
        List<Path> roots = lab.nodes().stream().map(n -> n.root().toAbsolutePath().normalize()).toList();
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                return roots.contains(Files.readSymbolicLink(Path.of("/proc", String.valueOf(p.pid()), "root")));
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }).toList();
    }

    /** Fails unless no secret was found anywhere; prints what was searched. */
    void noSecretAnywhere(String primary) throws IOException {
        scan.close();
        outputs.forEach(o -> scan.text("output", o));
        Path planFile = Files.createTempFile("pgc-plan", ".json");
        record(cli.run(lab, "plan", "-e", "primary=" + primary, "--out", planFile.toString(), "--format", "json"));
        scan.text("plan file", Files.readString(planFile));
        Files.delete(planFile);
        List<Path> roots = new ArrayList<>(lab.nodes().stream().map(LabNode::upperDir).toList());
        try (Stream<Path> tmp = Files.list(Path.of("/tmp"))) {
            roots.addAll(tmp.filter(p -> p.getFileName().toString().startsWith("tmp.")).toList());
        }
        int files = scan.files(roots, "/pgconverge.pgpass");
        for (LabNode n : lab.nodes()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    n.onHost(n.confDir().resolve("pgconverge.pgpass")))), "the walreceiver's passfile");
        }
        System.out.println("secrets: " + scan.samples() + " samples of every process's command line and "
                + "environment (controller and nodes), " + outputs.size() + " outputs, a plan file and " + files
                + " files the nodes wrote (PostgreSQL logs and data directories included; not the walreceiver's "
                + "own 0600 passfile) searched: " + scan.found().size() + " found");
        assertEquals(List.of(), scan.found());
    }

    /** Ends the sampling (when a test failed before {@link #noSecretAnywhere}). */
    @Override
    public void close() {
        scan.close();
    }

    static void assertMentions(CliProcess.Result r, String text) {
        assertTrue(r.all().contains(text), "expected \"" + text + "\" in:\n" + r.all());
    }
}
