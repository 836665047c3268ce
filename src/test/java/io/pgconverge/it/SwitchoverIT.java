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

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a fresh lab: a planned switchover under continuous writes loses no acknowledged commit; the old
 * primary and the other standby stream from the new primary on its new timeline, no rewind and no base backup
 * happen, and the next plan is empty. Then back to node1 the same way.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwitchoverIT {
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
    @Order(1)
    void switchoverToNode2UnderLoadLosesNoAcknowledgedCommit() {
        switchover("node1", "node2", 2);
    }

    @Test
    @Order(2)
    void switchingBackToNode1WorksTheSameWay() {
        switchover("node2", "node1", 3);
    }

    private void switchover(String from, String to, int timeline) {
        List<Long> acked;
        CliProcess.Result apply;
        long took;
        try (AckedWriter writer = AckedWriter.start(sql.node(from), cli.secret("PGC_POSTGRES_PASSWORD"), nextId)) {
            writer.awaitAcks(200, 30000);
            long start = System.nanoTime();
            apply = cli.run(lab, "apply", "-e", "primary=" + to, "--yes");
            took = (System.nanoTime() - start) / 1_000_000;
            writer.close();
            acked = writer.acknowledged();
        }
        assertEquals(0, apply.exitCode(), apply.all());
        System.out.println("switchover " + from + " -> " + to + ": apply took " + took + " ms; " + acked.size()
                + " acknowledged commits during it\n" + apply.out());
        nextId = acked.get(acked.size() - 1) + 1000;
        assertTrue(apply.out().contains(to + "/promote: done"), apply.out());
        assertFalse(apply.out().contains("/rewind") || apply.out().contains("/basebackup"), apply.out());
        everyAcknowledgedRowIsOn(to, acked);
        streamOnTheNewTimeline(to, timeline);
        assertEquals(0, cli.run(lab, "plan", "-e", "primary=" + to, "--detailed-exitcode").exitCode());
    }

    private void everyAcknowledgedRowIsOn(String node, List<Long> acked) {
        assertEquals("f", sql.query(node, "SELECT pg_is_in_recovery()"));
        String ids = acked.stream().map(String::valueOf).collect(Collectors.joining(","));
        long sum = acked.stream().mapToLong(Long::longValue).sum();
        assertEquals(acked.size() + "|" + sum, sql.query(node, "SELECT count(*), sum(id) FROM it_load WHERE id = ANY("
                + "'{" + ids + "}'::bigint[])"));
    }

    private void streamOnTheNewTimeline(String primary, int timeline) {
        List<String> standbys = List.of("node1", "node2", "node3").stream().filter(n -> !n.equals(primary)).toList();
        String expected = standbys.stream().map(s -> s + "|" + slotOf(s) + "|streaming")
                .collect(Collectors.joining("\n"));
        assertEquals(expected, sql.query(primary, "SELECT r.application_name, s.slot_name, r.state"
                + " FROM pg_stat_replication r JOIN pg_replication_slots s ON s.active_pid = r.pid"
                + " ORDER BY r.application_name"));
        assertEquals(String.valueOf(timeline), sql.query(primary, "SELECT timeline_id FROM pg_control_checkpoint()"));
        for (String s : standbys) {
            assertEquals("t|" + timeline, sql.query(s, "SELECT pg_is_in_recovery(), (SELECT received_tli"
                    + " FROM pg_stat_wal_receiver)"), s);
            assertEquals("0", sql.query(s, "SELECT count(*) FROM pg_replication_slots"), s + " holds no slot");
        }
    }

    private String slotOf(String node) {
        return sql.node(node).address().replace('.', '_');
    }
}
