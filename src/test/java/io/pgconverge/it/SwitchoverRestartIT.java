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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restart-requiring change applied while a client writes to whichever node is primary: with the default
 * restart_method (the primary restarts in place) and with restart_method switchover (the primary hands its role
 * to a standby, restarts as its standby and takes the role back). Either way, after one apply the playbook's
 * primary is primary, every standby streams, the new value is in effect everywhere, every acknowledged commit is
 * there, and the next plan is empty. Prints the acknowledged commits and the longest pause between two of them.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwitchoverRestartIT {
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

    @Test
    @Order(0)
    void inPlaceTheRestartPausesWritesForTheWholeRestart() {
        Map<String, String> change = Map.of("shared_buffers", "160MB");
        String plan = cli.run(lab, "plan", extraVars("restart", change)).out();
        assertTrue(plan.contains("node1/restart"), plan);
        CliProcess.Result apply = applyWhileWriting("restart", change);
        assertTrue(apply.out().contains("node1/restart: done"), apply.out());
    }

    @Test
    @Order(1)
    void bySwitchoverThePrimaryHandsOverRestartsAsAStandbyAndTakesTheRoleBack() {
        Map<String, String> change = Map.of("shared_buffers", "192MB");
        String plan = cli.run(lab, "plan", extraVars("switchover", change)).out();
        assertFalse(plan.contains("node1/restart "), plan);
        assertTrue(plan.contains("hands the primary role to node2"), plan);
        CliProcess.Result apply = applyWhileWriting("switchover", change);
        String out = apply.out();
        for (String step : List.of("node1/handover", "node2/take-over", "node1/start-as-standby",
                "node2/hand-back", "node1/take-back", "node2/start-as-standby")) {
            assertTrue(out.contains(step + ": done"), step + " in " + out);
        }
        assertTrue(out.indexOf("node2/restart: done") < out.indexOf("node1/handover: done"), out);
        assertFalse(out.contains("/rewind") || out.contains("/basebackup"), out);
    }

    @Test
    @Order(2)
    void bySwitchoverARaiseOfMaxConnectionsRestartsTheStandbysFirst() {
        Map<String, String> change = new LinkedHashMap<>();
        change.put("shared_buffers", "192MB");
        change.put("max_connections", "150");
        String plan = cli.run(lab, "plan", extraVars("switchover", change)).out();
        assertTrue(plan.contains("standbys first: max_connections is raised"), plan);
        applyWhileWriting("switchover", change);
    }

    @Test
    @Order(3)
    void bySwitchoverALoweringIsRefusedAndNothingIsTouched() {
        Map<String, String> change = new LinkedHashMap<>();
        change.put("shared_buffers", "192MB");
        change.put("max_connections", "120");
        CliProcess.Result plan = cli.run(lab, "plan", extraVars("switchover", change));
        assertEquals(1, plan.exitCode(), plan.all());
        assertTrue(plan.all().contains("it lowers max_connections"), plan.all());
        assertEquals("150", sql.query("node1", "SHOW max_connections"));
    }

    private CliProcess.Result applyWhileWriting(String method, Map<String, String> change) {
        CliProcess.Result apply;
        List<Long> acked;
        long took;
        long gap;
        try (AckedWriter writer = AckedWriter.startOnPrimary(NODES.stream().map(sql::node).toList(),
                cli.secret("PGC_POSTGRES_PASSWORD"), nextId)) {
            writer.awaitAcks(200, 30000);
            long start = System.nanoTime();
            apply = cli.run(lab, "apply", withYes(extraVars(method, change)));
            took = (System.nanoTime() - start) / 1_000_000;
            writer.awaitAcks(writer.count() + 200, 60000);
            writer.close();
            acked = writer.acknowledged();
            gap = writer.longestGapMillis();
        }
        System.out.println(apply.out());
        assertEquals(0, apply.exitCode(), apply.all());
        nextId = acked.get(acked.size() - 1) + 1000;
        everyAcknowledgedRowIsOnTheRestartedPrimary(acked);
        change.forEach((name, value) -> NODES.forEach(n -> assertEquals(value, sql.query(n, "SHOW " + name),
                n + " " + name)));
        everyStandbyStreams();
        CliProcess.Result next = cli.run(lab, "plan", withDetailedExitCode(extraVars(method, change)));
        assertEquals(0, next.exitCode(), next.all());
        System.out.println("write outage (restart_method " + method + ", " + change.keySet() + "): " + acked.size()
                + " acknowledged commits, 0 lost, longest pause " + gap + " ms, apply " + took + " ms");
        return apply;
    }

    private void everyAcknowledgedRowIsOnTheRestartedPrimary(List<Long> acked) {
        assertEquals("f", sql.query("node1", "SELECT pg_is_in_recovery()"));
        String ids = acked.stream().map(String::valueOf).collect(Collectors.joining(","));
        long sum = acked.stream().mapToLong(Long::longValue).sum();
        assertEquals(acked.size() + "|" + sum, sql.query("node1", "SELECT count(*), sum(id) FROM it_load"
                + " WHERE id = ANY('{" + ids + "}'::bigint[])"));
    }

    private void everyStandbyStreams() {
        sql.await("node1", "SELECT string_agg(application_name || ':' || state, ',' ORDER BY application_name)"
                + " FROM pg_stat_replication", "node2:streaming,node3:streaming"::equals, Duration.ofSeconds(60));
        String last = sql.query("node1", "SELECT pg_current_wal_lsn()");
        for (String s : List.of("node2", "node3")) {
            assertEquals("t", sql.query(s, "SELECT pg_is_in_recovery()"), s);
            sql.await(s, "SELECT pg_last_wal_replay_lsn() >= '" + last + "'", "t"::equals, Duration.ofSeconds(30));
        }
    }

    private static String[] extraVars(String method, Map<String, String> settings) {
        List<String> args = new ArrayList<>(List.of("-e", "restart_method=" + method));
        settings.forEach((name, value) -> {
            args.add("-e");
            args.add("settings." + name + "=" + value);
        });
        return args.toArray(String[]::new);
    }

    private static String[] withYes(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--yes");
        return all.toArray(String[]::new);
    }

    private static String[] withDetailedExitCode(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--detailed-exitcode");
        return all.toArray(String[]::new);
    }
}
