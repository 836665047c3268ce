package io.pgconverge.it;

import io.pgconverge.lab.LabExtension;
import io.pgconverge.lab.LabNode;
import io.pgconverge.lab.LabExtension.RunningLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a fresh lab whose playbook leaves wal_log_hints off (and the lab has no data checksums): after a
 * failover, the old primary started again cannot be rewound; the plan says so, fences it and rebuilds it by a
 * base backup, its data directory moved aside.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RejoinByBaseBackupIT {
    private static final Duration REPLAY = Duration.ofSeconds(30);
    private final CliProcess cli = new CliProcess();
    private RunningLab lab;
    private LabSql sql;
    private LabProcesses processes;

    private CliProcess.Result run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "src/test/resources/playbooks/ha-cluster-no-hints.yml",
                "-i", lab.inventory().toString()));
        args.addAll(List.of(more));
        return cli.run(args);
    }

    @BeforeAll
    void buildTheClusterAndFailOver(RunningLab lab) {
        this.lab = lab;
        this.sql = new LabSql(lab);
        this.processes = new LabProcesses(lab, sql);
        withoutDataChecksums("node1");
        CliProcess.Result r = run("apply", "--yes");
        assertEquals(0, r.exitCode(), r.all());
        processes.fill("node1");
        sql.query("node1", "CREATE TABLE it_rows(id int PRIMARY KEY); INSERT INTO it_rows SELECT generate_series(1, 100)");
        sql.await("node2", "SELECT count(*) FROM it_rows WHERE to_regclass('it_rows') IS NOT NULL", "100"::equals,
                REPLAY);
        processes.crash("node1");
        CliProcess.Result failover = run("apply", "-e", "primary=node2", "--yes");
        assertEquals(0, failover.exitCode(), failover.all());
    }

    /**
     * initdb of PostgreSQL 18 turns data checksums on, with which pg_rewind works without wal_log_hints; the
     * primary (and so every standby copied from it) has them turned off, as a cluster of an older initdb has.
     */
    private void withoutDataChecksums(String node) {
        if (sql.query(node, "SHOW data_checksums").equals("off")) {
            return;
        }
        LabNode n = sql.node(node);
        sql.rootShell(node, "pg_ctlcluster --mode fast " + n.pgVersion() + " main stop\n");
        sql.shell(node, n.binDir() + "/pg_checksums --disable -D " + n.dataDir() + "\n");
        sql.rootShell(node, "pg_ctlcluster " + n.pgVersion() + " main start\n");
        assertEquals("off", sql.query(node, "SHOW data_checksums"));
    }

    @Test
    void theOldPrimaryWithoutWalLogHintsRejoinsByABaseBackup() throws IOException {
        processes.start("node1");
        CliProcess.Result plan = run("plan", "-e", "primary=node2");
        assertTrue(plan.out().matches("(?s).*\\[[12] node1/fence].*"), plan.out()); // after at most the intent marker
        assertTrue(plan.out().contains("pg_rewind needs wal_log_hints or data checksums, and it has neither"),
                plan.out());
        assertFalse(plan.out().contains("node1/rewind"), plan.out());
        long start = System.nanoTime();
        CliProcess.Result apply = run("apply", "-e", "primary=node2", "--yes");
        System.out.println("rejoin by base backup: apply took " + (System.nanoTime() - start) / 1_000_000 + " ms\n"
                + apply.out());
        assertEquals(0, apply.exitCode(), apply.all());
        assertEquals("t", sql.query("node1", "SELECT pg_is_in_recovery()"));
        sql.query("node2", "INSERT INTO it_rows SELECT generate_series(101, 200)");
        sql.await("node1", "SELECT count(*) FROM it_rows", "200"::equals, REPLAY);
        Path data = sql.node("node1").onHost(sql.node("node1").dataDir());
        try (Stream<Path> siblings = Files.list(data.getParent())) {
            List<Path> aside = siblings.filter(p -> p.getFileName().toString().startsWith(data.getFileName()
                    + ".old-")).toList();
            assertEquals(1, aside.size(), aside.toString());
            assertTrue(Files.isRegularFile(aside.get(0).resolve("PG_VERSION")), "the old cluster is kept");
        }
        assertEquals(0, run("plan", "-e", "primary=node2", "--detailed-exitcode").exitCode());
    }
}
