package io.pgconverge.it;

import io.pgconverge.lab.LabExtension;
import io.pgconverge.lab.LabExtension.RunningLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a fresh lab: a standby stranded by a reduction made by hand (it restarted before it had replayed the
 * primary's) is brought back by one apply; every hot-standby parameter raised, then lowered, each in one apply,
 * leaves every standby streaming and replaying with the new values; the restart order shows in the plan; the next
 * plan is empty every time.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingRestartIT {
    private static final List<String> STANDBYS = List.of("node2", "node3");
    private final CliProcess cli = new CliProcess();
    private RunningLab lab;
    private LabSql sql;
    private int row;

    @BeforeAll
    void buildTheCluster(RunningLab lab) {
        this.lab = lab;
        this.sql = new LabSql(lab);
        cli.converge(lab);
        sql.query("node1", "CREATE TABLE it_rolling(id int PRIMARY KEY)");
        sql.query("node1", "CREATE TABLE it_load(id bigint PRIMARY KEY, note text)");
    }

    private static Map<String, String> values(int connections, int workers, int senders, int prepared, int locks) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("max_connections", String.valueOf(connections));
        v.put("max_worker_processes", String.valueOf(workers));
        v.put("max_wal_senders", String.valueOf(senders));
        v.put("max_prepared_transactions", String.valueOf(prepared));
        v.put("max_locks_per_transaction", String.valueOf(locks));
        return v;
    }

    @Test
    @Order(0)
    void aStandbyStrandedByALoweringDoneByHandIsBroughtBackByOneApply() {
        for (String node : List.of("node1", "node2", "node3")) {
            sql.query(node, "ALTER SYSTEM SET max_connections = 50");
        }
        LabProcesses processes = new LabProcesses(lab, sql);
        processes.stop("node2");
        processes.restart("node1");
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> processes.start("node2"));
        assertTrue(refused.getMessage().contains("could not start server"), refused.getMessage());
        CliProcess.Result plan = cli.run(lab, "plan");
        assertTrue(plan.out().contains("node2/replay-settings"), plan.out());
        assertTrue(plan.out().contains("recovery aborted because of insufficient parameter settings"), plan.out());
        assertTrue(plan.out().contains("-c max_connections=100"), plan.out());
        assertTrue(plan.out().contains("max_connections changed outside the playbook"), plan.out());
        CliProcess.Result apply = cli.converge(lab);
        System.out.println(apply.out());
        assertTrue(apply.out().contains("node3/restart: done"), "node3 waited for its restart: " + apply.out());
        for (String node : List.of("node1", "node2", "node3")) {
            assertEquals("50", sql.query(node, "SHOW max_connections"), node);
            assertEquals("0", sql.query(node, "SELECT count(*) FROM pg_settings WHERE pending_restart"), node);
        }
        everyStandbyStreamsAndReplays();
        CliProcess.Result next = cli.run(lab, "plan", "--detailed-exitcode");
        assertEquals(0, next.exitCode(), next.all());
    }

    @Test
    @Order(1)
    void raisingEveryHotStandbyParameterRestartsTheStandbysFirst() {
        Map<String, String> raised = values(200, 16, 20, 10, 128);
        String plan = cli.run(lab, "plan", extraVars(raised)).out();
        assertTrue(plan.contains("standbys first: max_connections, max_locks_per_transaction, max_prepared_transactions,"
                + " max_wal_senders, max_worker_processes are raised"), plan);
        try (AckedWriter writer = AckedWriter.start(sql.node("node1"), cli.secret("PGC_POSTGRES_PASSWORD"), 1)) {
            writer.awaitAcks(100, 30000);
            rollTo(raised);
            writer.awaitAcks(writer.count() + 100, 30000);
            writer.close();
            System.out.println("write outage on node1 during a restart-requiring change (restart_method restart): "
                    + writer.longestGapMillis() + " ms, " + writer.count() + " acknowledged commits");
            assertTrue(writer.longestGapMillis() < 10000, writer.longestGapMillis() + " ms");
        }
    }

    @Test
    @Order(2)
    void loweringEveryHotStandbyParameterRestartsThePrimaryFirstAndEachStandbyAfterItsReplay() {
        Map<String, String> lowered = values(50, 4, 8, 0, 32);
        CliProcess.Result plan = cli.run(lab, "plan", extraVars(lowered));
        assertTrue(plan.out().contains("primary first:"), plan.out());
        assertTrue(plan.out().contains("node2/replay-settings"), plan.out());
        CliProcess.Result apply = rollTo(lowered);
        assertTrue(apply.out().indexOf("node1/restart: done") < apply.out().indexOf("node2/replay-settings: done"),
                apply.out());
        assertTrue(apply.out().indexOf("node2/replay-settings: done") < apply.out().indexOf("node2/restart: done"),
                apply.out());
    }

    @Test
    @Order(3)
    void loweringOneParameterAloneAlsoKeepsTheStandbys() {
        Map<String, String> lowered = values(50, 4, 8, 0, 32);
        lowered.put("max_connections", "40");
        rollTo(lowered);
    }

    private CliProcess.Result rollTo(Map<String, String> settings) {
        CliProcess.Result apply = cli.converge(lab, extraVars(settings));
        System.out.println(apply.out());
        for (String node : List.of("node1", "node2", "node3")) {
            settings.forEach((name, value) -> assertEquals(value, sql.query(node, "SHOW " + name), node + " " + name));
        }
        everyStandbyStreamsAndReplays();
        CliProcess.Result next = cli.run(lab, "plan", withDetailedExitCode(settings));
        assertEquals(0, next.exitCode(), next.all());
        return apply;
    }

    private void everyStandbyStreamsAndReplays() {
        sql.await("node1", "SELECT string_agg(application_name || ':' || state, ',' ORDER BY application_name)"
                + " FROM pg_stat_replication", "node2:streaming,node3:streaming"::equals, Duration.ofSeconds(60));
        row++;
        sql.query("node1", "INSERT INTO it_rolling VALUES (" + row + ")");
        for (String s : STANDBYS) {
            assertEquals("t", sql.query(s, "SELECT pg_is_in_recovery()"), s);
            sql.await(s, "SELECT count(*) FROM it_rolling WHERE id = " + row, "1"::equals, Duration.ofSeconds(30));
        }
    }

    private static String[] extraVars(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((name, value) -> {
            args.add("-e");
            args.add("settings." + name + "=" + value);
        });
        return args.toArray(String[]::new);
    }

    private static String[] withDetailedExitCode(Map<String, String> settings) {
        List<String> args = new ArrayList<>(List.of(extraVars(settings)));
        args.add("--detailed-exitcode");
        return args.toArray(String[]::new);
    }
}
