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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A declared topology on a fresh lab: node2 the synchronous standby of node1, node3 cascading from node2 with a
 * 10 s apply delay. Built from nothing, node3 streams from node2 through a slot on node2 and lags by its delay;
 * a switchover to node2 leaves node3 following it, and node2's list of synchronous standbys leaves itself out;
 * node2 crashed, a failover to node1 (applied only with --yes, since node1's only synchronous standby is down)
 * re-points node3 at node1; once node2 has rejoined as node1's synchronous standby, node3 is pointed back at it
 * without a rebuild. Every next plan is empty.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CascadingTopologyIT {
    private static final Duration DELAY = Duration.ofSeconds(10);
    private static final Duration REPLAY = Duration.ofSeconds(60);
    private final CliProcess cli = new CliProcess();
    private RunningLab lab;
    private LabSql sql;
    private LabProcesses processes;
    private Path playbook;

    @BeforeAll
    void declareTheTopology(RunningLab lab) throws IOException {
        this.lab = lab;
        this.sql = new LabSql(lab);
        this.processes = new LabProcesses(lab, sql);
        playbook = Files.createTempFile("pgc-cascading", ".yml");
        Files.writeString(playbook, Files.readString(Path.of("playbooks/ha-cluster.yml"))
                + "synchronous: { mode: first, count: 1, standbys: [node2] }\n"
                + "standbys:\n  node3: { upstream: node2, apply_delay: " + DELAY.toSeconds() + "s }\n");
    }

    private CliProcess.Result run(String command, String... more) {
        CliProcess.Result r = cli.run(playbook, lab, command, more);
        System.out.println(command + " " + String.join(" ", more) + ":\n" + r.all());
        return r;
    }

    private void nextPlanIsEmpty(String... more) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--detailed-exitcode"),
                java.util.stream.Stream.of(more)).toArray(String[]::new);
        CliProcess.Result next = run("plan", args);
        assertEquals(0, next.exitCode(), next.all());
    }

    private String address(String node) {
        return sql.node(node).address();
    }

    private String senderOf(String node) {
        return sql.query(node, "SELECT coalesce((SELECT sender_host FROM pg_stat_wal_receiver), 'none')");
    }

    @Test
    @Order(1)
    void builtFromNothingNode3CascadesFromNode2AndLagsByItsDelay() {
        CliProcess.Result apply = run("apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        assertTrue(apply.out().contains("as a base backup of node2"), apply.out());
        assertEquals(address("node2"), senderOf("node3"));
        assertEquals("10s", sql.query("node3", "SHOW recovery_min_apply_delay"));
        assertEquals("node2:sync", sql.query("node1", "SELECT string_agg(application_name || ':' || sync_state, ','"
                + " ORDER BY application_name) FROM pg_stat_replication"));
        assertEquals("node3|" + lab.slot("node3") + "|t", sql.query("node2", "SELECT r.application_name, s.slot_name,"
                + " s.active FROM pg_stat_replication r JOIN pg_replication_slots s ON s.active_pid = r.pid"));
        assertEquals("0", sql.query("node1", "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                + lab.slot("node3") + "'"));

        sql.query("node1", "CREATE TABLE it_cascade(id int)");
        sql.await("node3", "SELECT to_regclass('it_cascade') IS NOT NULL", "t"::equals, REPLAY);
        sql.query("node1", "INSERT INTO it_cascade VALUES (1)");
        long written = System.nanoTime();
        String lsn = sql.query("node1", "SELECT pg_current_wal_lsn()");
        assertEquals("1", sql.query("node2", "SELECT count(*) FROM it_cascade"), "node2 is synchronous");
        sql.await("node3", "SELECT pg_last_wal_receive_lsn() >= '" + lsn + "'", "t"::equals, REPLAY);
        String early = sql.query("node3", "SELECT count(*) FROM it_cascade");
        long seenEarly = System.nanoTime();
        sql.await("node3", "SELECT count(*) FROM it_cascade", "1"::equals, REPLAY);
        long applied = System.nanoTime();
        System.out.println("node3 applied the row " + (applied - written) / 1_000_000 + " ms after it was written");
        if (Duration.ofNanos(seenEarly - written).compareTo(DELAY) < 0) {
            assertEquals("0", early, "received but not applied before the delay passed");
        }
        assertTrue(Duration.ofNanos(applied - written).compareTo(DELAY.minusSeconds(1)) >= 0,
                "node3 applied the row before its delay passed");
        sql.await("node2", "SELECT restart_lsn >= '" + lsn + "' FROM pg_replication_slots WHERE slot_name = '"
                + lab.slot("node3") + "'", "t"::equals, REPLAY);
        CliProcess.Result status = run("status");
        assertEquals(0, status.exitCode(), status.all());
        assertTrue(status.out().matches("(?s).*node3 .*standby \\(delay 10s\\).*node2.*"), status.out());
        assertFalse(status.out().contains("not the playbook's primary"), status.out());
        nextPlanIsEmpty();
    }

    @Test
    @Order(2)
    void afterASwitchoverToNode2Node3KeepsFollowingIt() {
        CliProcess.Result apply = run("apply", "--yes", "-e", "primary=node2");
        assertEquals(0, apply.exitCode(), apply.all());
        assertFalse(apply.out().contains("node3/basebackup"), apply.out());
        assertEquals("", sql.query("node2", "SHOW synchronous_standby_names"), "node2's list leaves itself out");
        sql.await("node2", "SELECT string_agg(application_name || ':' || sync_state, ',' ORDER BY application_name)"
                + " FROM pg_stat_replication", "node1:async,node3:async"::equals, REPLAY);
        assertEquals(address("node2"), senderOf("node3"));
        sql.query("node2", "INSERT INTO it_cascade VALUES (2)");
        sql.await("node3", "SELECT count(*) FROM it_cascade", "2"::equals, REPLAY);
        nextPlanIsEmpty("-e", "primary=node2");
    }

    @Test
    @Order(3)
    void node2CrashedAFailoverToNode1NeedsYesAndReRoutesNode3() {
        processes.crash("node2");
        CliProcess.Result refused = run("apply", "-e", "primary=node1");
        assertEquals(1, refused.exitCode(), refused.all());
        assertTrue(refused.err().contains("applied only with --yes") && refused.err().contains("every synchronous "
                + "standby (node2) is down"), refused.all());
        assertEquals("t", sql.query("node1", "SELECT pg_is_in_recovery()"), "nothing was changed");

        CliProcess.Result apply = run("apply", "--yes", "-e", "primary=node1");
        assertEquals(0, apply.exitCode(), apply.all());
        assertTrue(apply.out().contains("node1/promote: done"), apply.out());
        assertTrue(apply.out().contains("standbys.node3.upstream: node2"), apply.out());
        assertEquals("f", sql.query("node1", "SELECT pg_is_in_recovery()"));
        assertEquals("FIRST 1 (\"node2\")", sql.query("node1", "SHOW synchronous_standby_names"));
        sql.await("node3", "SELECT coalesce((SELECT sender_host FROM pg_stat_wal_receiver WHERE status = "
                + "'streaming'), 'none')", address("node1")::equals, REPLAY);
    }

    @Test
    @Order(4)
    void onceNode2RejoinedNode3IsPointedBackAtItWithoutARebuild() {
        CliProcess.Result rejoin = run("apply", "--yes", "-e", "primary=node1");
        assertEquals(0, rejoin.exitCode(), rejoin.all());
        sql.await("node1", "SELECT string_agg(application_name || ':' || sync_state, ',' ORDER BY application_name)"
                + " FROM pg_stat_replication", "node2:sync,node3:async"::equals, REPLAY);
        CliProcess.Result back = run("apply", "--yes", "-e", "primary=node1");
        assertEquals(0, back.exitCode(), back.all());
        assertFalse(back.out().contains("basebackup"), back.out());
        sql.await("node3", "SELECT coalesce((SELECT sender_host FROM pg_stat_wal_receiver WHERE status = "
                + "'streaming'), 'none')", address("node2")::equals, REPLAY);
        sql.query("node1", "INSERT INTO it_cascade VALUES (3)");
        sql.await("node3", "SELECT count(*) FROM it_cascade", "3"::equals, REPLAY);
        assertEquals("10s", sql.query("node3", "SHOW recovery_min_apply_delay"), "the delay held throughout");
        nextPlanIsEmpty("-e", "primary=node1");
    }
}
