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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL 14 and later keep a hot standby running with replay paused when its primary's max_connections rises
 * above its own (a restart of the primary done by hand). One apply resumes it: with a restart when the playbook
 * raises the value too, and when the playbook keeps it lower, by starting it with the primary's value until the
 * primary comes down and restarting it with its own. Every standby then streams and replays; the next plan is
 * empty.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PausedReplayIT {
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
        sql.query("node1", "CREATE TABLE it_paused(id int PRIMARY KEY)");
    }

    @Test
    @Order(0)
    void aPauseThePlaybookAgreesWithIsResumedByARestartOfTheStandbys() {
        raiseOnThePrimaryByHand(150);
        CliProcess.Result plan = cli.run(lab, "plan", "-e", "settings.max_connections=150");
        assertTrue(plan.out().contains("its replay is paused because WARNING: hot standby is not possible because of "
                + "insufficient parameter settings | DETAIL: max_connections = 100 is a lower setting than on the "
                + "primary server, where its value was 150."), plan.out());
        CliProcess.Result apply = cli.converge(lab, "-e", "settings.max_connections=150");
        System.out.println(apply.out());
        assertTrue(apply.out().contains("node2/restart: done"), apply.out());
        resumedWith("150");
        assertEquals(0, cli.run(lab, "plan", "-e", "settings.max_connections=150", "--detailed-exitcode").exitCode());
    }

    @Test
    @Order(1)
    void aPauseAboveThePlaybookIsResumedWithThePrimarysValueUntilThePrimaryComesDown() {
        raiseOnThePrimaryByHand(200);
        CliProcess.Result plan = cli.run(lab, "plan", "-e", "settings.max_connections=150");
        assertTrue(plan.out().contains("-c max_connections=200"), plan.out());
        CliProcess.Result apply = cli.converge(lab, "-e", "settings.max_connections=150");
        System.out.println(apply.out());
        String out = apply.out();
        assertTrue(out.indexOf("node2/stop: done") < out.indexOf("node2/start: done"), out);
        assertTrue(out.indexOf("node1/restart: done") < out.indexOf("node2/replay-settings: done"), out);
        assertTrue(out.indexOf("node2/replay-settings: done") < out.indexOf("node2/restart: done"), out);
        resumedWith("150");
        assertEquals(0, cli.run(lab, "plan", "-e", "settings.max_connections=150", "--detailed-exitcode").exitCode());
    }

    /** ALTER SYSTEM and a restart on the primary only: its standbys replay the higher value and pause. */
    private void raiseOnThePrimaryByHand(int connections) {
        sql.query("node1", "ALTER SYSTEM SET max_connections = " + connections);
        new LabProcesses(lab, sql).restart("node1");
        for (String s : STANDBYS) {
            sql.await(s, "SELECT pg_get_wal_replay_pause_state()", "paused"::equals, Duration.ofSeconds(90));
            assertEquals("t", sql.query(s, "SELECT pg_is_in_recovery()"), s + " keeps running while paused");
        }
    }

    private void resumedWith(String connections) {
        assertEquals(connections, sql.query("node1", "SHOW max_connections"));
        sql.await("node1", "SELECT string_agg(application_name || ':' || state, ',' ORDER BY application_name)"
                + " FROM pg_stat_replication", "node2:streaming,node3:streaming"::equals, Duration.ofSeconds(60));
        row++;
        sql.query("node1", "INSERT INTO it_paused VALUES (" + row + ")");
        for (String s : STANDBYS) {
            assertEquals(connections, sql.query(s, "SHOW max_connections"), s);
            assertEquals("not paused", sql.query(s, "SELECT pg_get_wal_replay_pause_state()"), s);
            sql.await(s, "SELECT count(*) FROM it_paused WHERE id = " + row, "1"::equals, Duration.ofSeconds(30));
        }
    }
}
