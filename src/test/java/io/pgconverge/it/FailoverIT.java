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
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a fresh lab: node1's postmaster is killed; applying primary=node2 promotes node2 and re-points
 * node3. node1, started again as it was, is a second primary: the next plan fences and rewinds it, and the apply
 * makes it a streaming standby of node2 without copying its data directory.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {
    private static final Duration REPLAY = Duration.ofSeconds(30);
    private final CliProcess cli = new CliProcess();
    private RunningLab lab;
    private LabSql sql;
    private LabProcesses processes;

    @BeforeAll
    void buildTheCluster(RunningLab lab) {
        this.lab = lab;
        this.sql = new LabSql(lab);
        this.processes = new LabProcesses(lab, sql);
        cli.converge(lab);
        processes.fill("node1");
        sql.query("node1", "CREATE TABLE it_rows(id int PRIMARY KEY, note text);"
                + " INSERT INTO it_rows SELECT g, 'before' FROM generate_series(1, 1000) g");
        for (String standby : List.of("node2", "node3")) {
            sql.await(standby, "SELECT count(*) FROM it_rows WHERE to_regclass('it_rows') IS NOT NULL",
                    "1000"::equals, REPLAY);
        }
    }

    @Test
    @Order(1)
    void aKilledPrimaryIsReplacedByNode2AndNode3FollowsIt() {
        processes.crash("node1");
        long start = System.nanoTime();
        CliProcess.Result apply = cli.run(lab, "apply", "-e", "primary=node2", "--yes");
        System.out.println("failover: apply took " + (System.nanoTime() - start) / 1_000_000 + " ms\n" + apply.out());
        assertEquals(0, apply.exitCode(), apply.all());
        assertTrue(apply.out().contains("node1: the old primary is down: nothing is planned for it; it rejoins as a "
                + "standby of node2 when reachable"), apply.out());
        assertTrue(apply.out().contains("node2/promote: done"), apply.out());
        assertFalse(apply.out().contains("node1/"), "nothing is done on the failed node");
        assertEquals("f", sql.query("node2", "SELECT pg_is_in_recovery()"));
        assertEquals("node3|streaming", sql.query("node2", "SELECT application_name, state FROM pg_stat_replication"));
        sql.query("node2", "INSERT INTO it_rows SELECT g, 'after failover' FROM generate_series(1001, 2000) g");
        sql.await("node3", "SELECT count(*) FROM it_rows", "2000"::equals, REPLAY);
    }

    @Test
    @Order(2)
    void theOldPrimaryStartedAgainIsFencedRewoundAndFollowsNode2() throws IOException {
        processes.start("node1");
        assertEquals("f", sql.query("node1", "SELECT pg_is_in_recovery()"), "node1 comes back as a primary");
        CliProcess.Result plan = cli.run(lab, "plan", "-e", "primary=node2");
        System.out.println(plan.out());
        assertTrue(plan.out().matches("(?s).*\\[[12] node1/fence].*"), plan.out()); // after at most the intent marker
        assertTrue(plan.out().contains("node1/rewind]"), plan.out());
        assertTrue(plan.out().contains("rewound with pg_rewind (it has wal_log_hints or data checksums)"), plan.out());
        assertFalse(plan.out().contains("basebackup"), plan.out());
        long start = System.nanoTime();
        CliProcess.Result apply = cli.run(lab, "apply", "-e", "primary=node2", "--yes");
        System.out.println("rejoin by rewind: apply took " + (System.nanoTime() - start) / 1_000_000 + " ms\n"
                + apply.out());
        assertEquals(0, apply.exitCode(), apply.all());
        assertTrue(apply.out().contains("rewound to the timeline of node2"), apply.out());
        assertEquals("t", sql.query("node1", "SELECT pg_is_in_recovery()"));
        assertEquals("node1|" + slotOf("node1") + "|streaming\nnode3|" + slotOf("node3") + "|streaming",
                sql.query("node2",
                        "SELECT r.application_name, s.slot_name, r.state FROM pg_stat_replication r"
                                + " JOIN pg_replication_slots s ON s.active_pid = r.pid ORDER BY 1"));
        sql.query("node2", "INSERT INTO it_rows SELECT g, 'after rejoin' FROM generate_series(2001, 3000) g");
        sql.await("node1", "SELECT count(*) FROM it_rows", "3000"::equals, REPLAY);
        assertEquals("0", sql.query("node1", "SELECT count(*) FROM pg_replication_slots"));
        Path data = sql.node("node1").onHost(sql.node("node1").dataDir());
        try (Stream<Path> siblings = Files.list(data.getParent())) {
            assertEquals(List.of(), siblings.filter(p -> p.getFileName().toString().startsWith(data.getFileName()
                    + ".old-")).toList(), "node1's data directory was rewound, not copied");
        }
        assertEquals(0, cli.run(lab, "plan", "-e", "primary=node2", "--detailed-exitcode").exitCode());
    }

    @Test
    @Order(3)
    void aCrashedPrimaryThatStaysDownIsRewoundByTheNextPlanAfterTheFailover() {
        processes.crash("node2");
        CliProcess.Result failover = cli.run(lab, "apply", "--yes");
        assertEquals(0, failover.exitCode(), failover.all());
        assertTrue(failover.out().contains("node1/promote: done"), failover.out());
        assertFalse(failover.out().contains("node2/"), "nothing is done on the failed node");
        long start = System.nanoTime();
        CliProcess.Result rejoin = cli.run(lab, "apply", "--yes");
        System.out.println("rejoin of a crashed, stopped primary: apply took " + (System.nanoTime() - start) / 1_000_000
                + " ms\n" + rejoin.out());
        assertEquals(0, rejoin.exitCode(), rejoin.all());
        assertFalse(rejoin.out().contains("node2/fence"), rejoin.out());
        assertTrue(rejoin.out().contains("crash recovery, then rewound to the timeline of node1"), rejoin.out());
        assertEquals("node2|streaming\nnode3|streaming", sql.query("node1", "SELECT application_name, state"
                + " FROM pg_stat_replication ORDER BY 1"));
        sql.query("node1", "INSERT INTO it_rows SELECT g, 'after the second failover' FROM generate_series(3001, 4000) g");
        sql.await("node2", "SELECT count(*) FROM it_rows", "4000"::equals, REPLAY);
        assertEquals(0, cli.run(lab, "plan", "--detailed-exitcode").exitCode());
    }

    private String slotOf(String node) {
        return sql.node(node).address().replace('.', '_');
    }
}
