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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a fresh lab: node3's replay is paused while writes go on, then node1 dies. A failover to node3
 * would lose what only node2 replayed: the plan refuses and names node2 (unless forced); the failover to node2
 * goes through and node3 follows it once its replay resumes.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverCandidateIT {
    private static final Duration REPLAY = Duration.ofSeconds(30);
    private final CliProcess cli = new CliProcess();
    private RunningLab lab;
    private LabSql sql;

    @BeforeAll
    void buildTheClusterAndLetNode3FallBehind(RunningLab lab) {
        this.lab = lab;
        this.sql = new LabSql(lab);
        cli.converge(lab);
        sql.query("node1", "CREATE TABLE it_rows(id int PRIMARY KEY, note text)");
        sql.await("node3", "SELECT to_regclass('it_rows') IS NOT NULL", "t"::equals, REPLAY);
        sql.query("node3", "SELECT pg_wal_replay_pause()");
        sql.query("node1", "INSERT INTO it_rows SELECT g, 'while node3 is paused' FROM generate_series(1, 5000) g");
        sql.await("node2", "SELECT count(*) FROM it_rows", "5000"::equals, REPLAY);
        new LabProcesses(lab, sql).crash("node1");
    }

    @Test
    @Order(1)
    void aFailoverToTheStandbyBehindIsRefusedAndNamesTheOneAhead() {
        CliProcess.Result plan = cli.run(lab, "plan", "-e", "primary=node3");
        assertEquals(1, plan.exitCode(), plan.all());
        assertTrue(plan.out().contains("node3: node2 has more WAL"), plan.out());
        assertTrue(plan.out().contains("promote node2 instead (-e primary=node2), or add --force"), plan.out());
        CliProcess.Result apply = cli.run(lab, "apply", "-e", "primary=node3", "--yes");
        assertEquals(1, apply.exitCode(), apply.all());
        assertEquals("t", sql.query("node3", "SELECT pg_is_in_recovery()"), "nothing was applied");
        CliProcess.Result forced = cli.run(lab, "plan", "-e", "primary=node3", "--force");
        assertEquals(0, forced.exitCode(), forced.all());
        assertTrue(forced.out().contains("forced failover: node2 has more WAL"), forced.out());
    }

    @Test
    @Order(2)
    void theFailoverToTheStandbyAheadGoesThroughAndTheOtherFollowsOnceItReplays() {
        sql.query("node3", "SELECT pg_wal_replay_resume()");
        CliProcess.Result apply = cli.run(lab, "apply", "-e", "primary=node2", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        assertFalse(apply.out().contains("Refusals"), apply.out());
        assertEquals("f", sql.query("node2", "SELECT pg_is_in_recovery()"));
        sql.query("node2", "INSERT INTO it_rows SELECT g, 'after failover' FROM generate_series(5001, 6000) g");
        sql.await("node3", "SELECT count(*) FROM it_rows", "6000"::equals, REPLAY);
    }
}
