package io.pgconverge.it;

import io.pgconverge.lab.LabExtension;
import io.pgconverge.lab.LabExtension.RunningLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restart by handover (restart_method switchover) under write load, killed before one of its tasks: before
 * node1 gets its standby settings (node2 already promoted), before node1 starts as node2's standby, and before
 * node1 takes the role back (node2 fenced), before node2 starts as node1's standby again. One apply without the kill then converges the cluster by itself: node1
 * is primary, node2 and node3 stream, the new shared_buffers is in effect everywhere, every acknowledged commit is
 * on node1, and the next plan is empty.
 */
@Tag("fault-matrix")
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandoverCrashIT {
    private static final List<String> NODES = List.of("node1", "node2", "node3");
    private final CliProcess cli = new CliProcess();
    private RunningLab lab;
    private LabSql sql;
    private long nextId = 1;

    @BeforeAll
    void buildTheCluster(RunningLab lab) {
        this.lab = lab;
        this.sql = new LabSql(lab);
        cli.converge(lab);
        sql.query("node1", "CREATE TABLE it_load(id bigint PRIMARY KEY, note text)");
    }

    @ParameterizedTest(name = "killed before {0}")
    @CsvSource({"node1/conf-as-standby, 144MB", "node1/start-as-standby, 176MB", "node1/take-back, 208MB",
            "node2/start-as-standby, 240MB"})
    void theNextApplyCompletesTheHandover(String task, String sharedBuffers) {
        String[] vars = {"-e", "restart_method=switchover", "-e", "settings.shared_buffers=" + sharedBuffers};
        CliProcess.Result killed;
        CliProcess.Result resumed;
        List<Long> acked;
        try (AckedWriter writer = AckedWriter.startOnPrimary(NODES.stream().map(sql::node).toList(),
                cli.secret("PGC_POSTGRES_PASSWORD"), nextId)) {
            writer.awaitAcks(100, 30000);
            killed = new CliProcess().with("PGCONVERGE_TEST_KILL_AT", task).run(lab, "apply", args(vars, "--yes"));
            assertEquals(137, killed.exitCode(), "killed before " + task + ": " + killed.all());
            resumed = cli.run(lab, "apply", args(vars, "--yes"));
            assertEquals(0, resumed.exitCode(), "the apply after the one killed before " + task + ": " + resumed.all());
            writer.awaitAcks(writer.count() + 100, 60000);
            writer.close();
            acked = writer.acknowledged();
        }
        System.out.println(resumed.out());
        assertEquals(0, resumed.exitCode(), resumed.all());
        assertFalse(resumed.out().contains("/rewind") || resumed.out().contains("/basebackup"), resumed.out());
        nextId = acked.get(acked.size() - 1) + 1000;
        assertEquals("f", sql.query("node1", "SELECT pg_is_in_recovery()"));
        String ids = acked.stream().map(String::valueOf).collect(Collectors.joining(","));
        assertEquals(String.valueOf(acked.size()), sql.query("node1", "SELECT count(*) FROM it_load WHERE id = "
                + "ANY('{" + ids + "}'::bigint[])"), "acknowledged rows on node1");
        sql.await("node1", "SELECT string_agg(application_name || ':' || state, ',' ORDER BY application_name)"
                + " FROM pg_stat_replication", "node2:streaming,node3:streaming"::equals, Duration.ofSeconds(90));
        for (String n : NODES) {
            assertEquals(sharedBuffers, sql.query(n, "SHOW shared_buffers"), n);
            assertEquals(n.equals("node1") ? "f" : "t", sql.query(n, "SELECT pg_is_in_recovery()"), n);
        }
        CliProcess.Result next = cli.run(lab, "plan", args(vars, "--detailed-exitcode"));
        assertEquals(0, next.exitCode(), "the next plan is empty:\n" + next.all());
        assertTrue(acked.size() >= 200, "acknowledged " + acked.size());
        System.out.println("handover killed before " + task + ": converged by one apply, " + acked.size()
                + " acknowledged commits, 0 lost");
    }

    private static String[] args(String[] vars, String... more) {
        List<String> all = new ArrayList<>(List.of(vars));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
