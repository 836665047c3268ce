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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 16 on a fresh lab: a cluster declared with quorum synchronous standbys and a delayed standby is built from
 * nothing; the primary reports its standbys as quorum standbys, the delayed one has its delay; after a switchover
 * the new primary's list leaves itself out; every next plan is empty.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SynchronousTopologyIT {
    private final CliProcess cli = new CliProcess();
    private RunningLab lab;
    private LabSql sql;
    private Path playbook;

    @BeforeAll
    void declareTheTopology(RunningLab lab) throws IOException {
        this.lab = lab;
        this.sql = new LabSql(lab);
        playbook = Files.createTempFile("pgc-topology", ".yml");
        Files.writeString(playbook, Files.readString(Path.of("playbooks/ha-cluster.yml"))
                + "synchronous: { mode: any, count: 1, standbys: [node1, node2] }\n"
                + "standbys:\n  node3: { apply_delay: 2s }\n");
    }

    private CliProcess.Result run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, playbook.toString(), "-i", lab.inventory().toString()));
        args.addAll(List.of(more));
        return cli.run(args);
    }

    @Test
    @Order(1)
    void builtFromNothingTheStandbysAreQuorumSynchronousAndNode3IsDelayed() {
        CliProcess.Result apply = run("apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        assertEquals("ANY 1 (\"node2\")", sql.query("node1", "SHOW synchronous_standby_names"));
        sql.await("node1", "SELECT string_agg(application_name || ':' || sync_state, ',' ORDER BY application_name)"
                + " FROM pg_stat_replication", "node2:quorum,node3:async"::equals, Duration.ofSeconds(30));
        assertEquals("2s", sql.query("node3", "SHOW recovery_min_apply_delay"));
        sql.query("node1", "CREATE TABLE it_sync(id int)");
        assertEquals(0, run("plan", "--detailed-exitcode").exitCode());
    }

    @Test
    @Order(2)
    void afterASwitchoverTheNewPrimarysListLeavesItselfOut() {
        CliProcess.Result apply = run("apply", "--yes", "-e", "primary=node2");
        assertEquals(0, apply.exitCode(), apply.all());
        assertEquals("ANY 1 (\"node1\")", sql.query("node2", "SHOW synchronous_standby_names"));
        sql.await("node2", "SELECT string_agg(application_name || ':' || sync_state, ',' ORDER BY application_name)"
                + " FROM pg_stat_replication", "node1:quorum,node3:async"::equals, Duration.ofSeconds(30));
        sql.query("node2", "INSERT INTO it_sync VALUES (1)");
        CliProcess.Result next = run("plan", "--detailed-exitcode", "-e", "primary=node2");
        assertEquals(0, next.exitCode(), next.all());
    }
}
