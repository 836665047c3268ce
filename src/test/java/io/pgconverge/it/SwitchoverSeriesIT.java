package io.pgconverge.it;

import io.pgconverge.lab.LabExtension;
import io.pgconverge.lab.LabExtension.RunningLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On a fresh lab: ten switchovers in a row between node1 and node2 leave a healthy cluster: every row
 * written between them is on every node, both standbys stream through their slots on the eleventh timeline, no
 * node holds a slot it does not need, and the next plan is empty.
 */
@Tag("extended")
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwitchoverSeriesIT {
    private static final int SWITCHOVERS = 10;
    private static final Duration REPLAY = Duration.ofSeconds(30);
    private final CliProcess cli = new CliProcess();
    private RunningLab lab;
    private LabSql sql;

    @BeforeAll
    void buildTheCluster(RunningLab lab) {
        this.lab = lab;
        this.sql = new LabSql(lab);
        cli.converge(lab);
        sql.query("node1", "CREATE TABLE it_rows(id int PRIMARY KEY, primary_name text)");
    }

    @Test
    void tenSwitchoversInARowLeaveAHealthyClusterAndNoStraySlots() {
        List<Long> millis = new ArrayList<>();
        String primary = "node1";
        for (int i = 1; i <= SWITCHOVERS; i++) {
            sql.query(primary, "INSERT INTO it_rows SELECT g, '" + primary + "' FROM generate_series(" + (i * 100 - 99)
                    + ", " + i * 100 + ") g");
            String next = primary.equals("node1") ? "node2" : "node1";
            long start = System.nanoTime();
            CliProcess.Result apply = cli.run(lab, "apply", "-e", "primary=" + next, "--yes");
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertEquals(0, apply.exitCode(), "switchover " + i + " to " + next + ": " + apply.all());
            primary = next;
        }
        System.out.println("switchover apply times (ms): " + millis);
        String expected = String.valueOf(SWITCHOVERS * 100);
        for (String node : List.of("node1", "node2", "node3")) {
            sql.await(node, "SELECT count(*) FROM it_rows", expected::equals, REPLAY);
        }
        assertEquals(String.valueOf(SWITCHOVERS + 1), sql.query(primary, "SELECT timeline_id FROM pg_control_checkpoint()"));
        String standby = primary.equals("node1") ? "node2" : "node1";
        assertEquals(standby + "|" + slotOf(standby) + "|t\nnode3|" + slotOf("node3") + "|t", sql.query(primary,
                "SELECT r.application_name, s.slot_name, s.active FROM pg_replication_slots s"
                        + " LEFT JOIN pg_stat_replication r ON r.pid = s.active_pid ORDER BY 1"));
        for (String s : List.of(standby, "node3")) {
            assertEquals("0", sql.query(s, "SELECT count(*) FROM pg_replication_slots"), s);
        }
        assertEquals(0, cli.run(lab, "plan", "-e", "primary=" + primary, "--detailed-exitcode").exitCode());
    }

    private String slotOf(String node) {
        return sql.node(node).address().replace('.', '_');
    }
}
