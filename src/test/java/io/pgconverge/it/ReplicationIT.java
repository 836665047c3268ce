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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a fresh lab: one apply turns three independent nodes into a primary with two streaming standbys
 * (checked with psql, not with pgconverge); replaced data directories are moved aside; a stopped standby is
 * started, not rebuilt; a standby whose slot and WAL are gone is rebuilt, and nothing else is touched.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationIT {
    private static final Duration REPLAY = Duration.ofSeconds(30);
    private final CliProcess cli = new CliProcess();
    private RunningLab lab;
    private LabSql sql;
    private String primaryId;

    @BeforeAll
    void buildTheCluster(RunningLab lab) {
        this.lab = lab;
        this.sql = new LabSql(lab);
        primaryId = sql.query("node1", "SELECT system_identifier FROM pg_control_system()");
        assertNotEquals(primaryId, sql.query("node2", "SELECT system_identifier FROM pg_control_system()"));
        cli.converge(lab);
    }

    @Test
    @Order(1)
    void node1IsThePrimaryAndBothStandbysStreamThroughTheirSlots() {
        assertEquals("f", sql.query("node1", "SELECT pg_is_in_recovery()"));
        for (String standby : List.of("node2", "node3")) {
            assertEquals("t|" + primaryId, sql.query(standby, "SELECT pg_is_in_recovery(), system_identifier"
                    + " FROM pg_control_system()"));
        }
        assertEquals(lab.slot("node2") + "|t|streaming\n" + lab.slot("node3") + "|t|streaming", sql.query("node1",
                "SELECT s.slot_name, s.active, r.state FROM pg_replication_slots s"
                        + " JOIN pg_stat_replication r ON r.pid = s.active_pid ORDER BY s.slot_name"));
    }

    @Test
    @Order(2)
    void aTableWrittenOnThePrimaryIsReadOnBothStandbys() {
        sql.query("node1", "CREATE TABLE it_rows(id int PRIMARY KEY, note text);"
                + " INSERT INTO it_rows SELECT g, 'row ' || g FROM generate_series(1, 1000) g");
        for (String standby : List.of("node2", "node3")) {
            sql.await(standby, "SELECT count(*) || ':' || sum(id) FROM it_rows"
                    + " WHERE to_regclass('it_rows') IS NOT NULL", "1000:500500"::equals, REPLAY);
        }
    }

    @Test
    @Order(3)
    void replacedDataDirectoriesAreMovedAsideNotDeleted() throws IOException {
        for (String standby : List.of("node2", "node3")) {
            Path data = sql.node(standby).onHost(sql.node(standby).dataDir());
            try (Stream<Path> siblings = Files.list(data.getParent())) {
                List<Path> aside = siblings.filter(p -> p.getFileName().toString().startsWith(data.getFileName()
                        + ".old-")).toList();
                assertEquals(1, aside.size(), standby + ": " + aside);
                assertTrue(Files.isRegularFile(aside.get(0).resolve("PG_VERSION")), "the old cluster is intact");
            }
        }
    }

    @Test
    @Order(4)
    void theNextPlanIsEmpty() {
        CliProcess.Result r = cli.run(lab, "plan", "--detailed-exitcode");
        assertEquals(0, r.exitCode(), r.all());
    }

    @Test
    @Order(5)
    void aStoppedStandbyIsStartedNotRebuilt() {
        stop("node3");
        List<String> tasks = changes(cli.run(lab, "plan", "--format", "json"));
        assertEquals(List.of("node3/start"), tasks);
        assertEquals(0, cli.run(lab, "apply", "--yes").exitCode());
        assertEquals("t", sql.query("node3", "SELECT pg_is_in_recovery()"));
        assertEquals(0, cli.run(lab, "plan", "--detailed-exitcode").exitCode());
    }

    @Test
    @Order(6)
    void aStandbyWhoseSlotAndWalAreGoneIsRebuiltAndNothingElse() {
        stop("node2");
        sql.query("node1", "SELECT pg_drop_replication_slot('" + lab.slot("node2") + "')");
        for (int i = 0; i < 4; i++) {
            sql.query("node1", "INSERT INTO it_rows SELECT g, 'more' FROM generate_series(" + (1001 + i * 1000)
                    + ", " + (i + 2) * 1000 + ") g; SELECT pg_switch_wal(); CHECKPOINT");
        }
        start("node2");
        sql.await("node1", "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'node2'", "0"::equals,
                REPLAY);
        List<String> tasks = changes(cli.run(lab, "plan", "--format", "json"));
        assertTrue(tasks.contains("node2/basebackup"), tasks.toString());
        assertTrue(tasks.stream().allMatch(t -> t.startsWith("node2/") || t.equals("node1/slot/" + lab.slot("node2"))),
                tasks.toString());
        CliProcess.Result apply = cli.run(lab, "apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        sql.await("node2", "SELECT count(*) FROM it_rows", "5000"::equals, REPLAY);
        assertEquals(0, cli.run(lab, "plan", "--detailed-exitcode").exitCode());
    }

    private static List<String> changes(CliProcess.Result plan) {
        return ConfigApplyIT.changes(plan.out());
    }

    private void stop(String node) {
        sql.rootShell(node, "pg_ctlcluster --mode fast " + lab.pgVersion() + " main stop\n");
    }

    private void start(String node) {
        sql.rootShell(node, "pg_ctlcluster " + lab.pgVersion() + " main start\n");
    }
}
