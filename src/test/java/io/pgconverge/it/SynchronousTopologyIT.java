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
 * On a fresh lab: a cluster declared with quorum synchronous standbys is built from nothing and the primary
 * reports both as quorum standbys; after a switchover the new primary's list leaves itself out and the old primary
 * streams asynchronously; every next plan is empty.
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
                + "synchronous: { mode: any, count: 1, standbys: [node2, node3] }\n");
    }

    private CliProcess.Result run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, playbook.toString(), "-i", lab.inventory().toString()));
        args.addAll(List.of(more));
        return cli.run(args);
    }

    @Test
    @Order(1)
    void builtFromNothingTheStandbysAreQuorumSynchronous() {
        CliProcess.Result apply = run("apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        assertEquals("ANY 1 (\"node2\", \"node3\")", sql.query("node1", "SHOW synchronous_standby_names"));
        sql.await("node1", "SELECT string_agg(application_name || ':' || sync_state, ',' ORDER BY application_name)"
                + " FROM pg_stat_replication", "node2:quorum,node3:quorum"::equals, Duration.ofSeconds(30));
        sql.query("node1", "CREATE TABLE it_sync(id int)");
        assertEquals(0, run("plan", "--detailed-exitcode").exitCode());
    }

    @Test
    @Order(2)
    void afterASwitchoverTheNewPrimarysListLeavesItselfOut() {
        CliProcess.Result apply = run("apply", "--yes", "-e", "primary=node2");
        assertEquals(0, apply.exitCode(), apply.all());
        assertEquals("ANY 1 (\"node3\")", sql.query("node2", "SHOW synchronous_standby_names"));
        sql.await("node2", "SELECT string_agg(application_name || ':' || sync_state, ',' ORDER BY application_name)"
                + " FROM pg_stat_replication", "node1:async,node3:quorum"::equals, Duration.ofSeconds(30));
        sql.query("node2", "INSERT INTO it_sync VALUES (1)");
        CliProcess.Result next = run("plan", "--detailed-exitcode", "-e", "primary=node2");
        assertEquals(0, next.exitCode(), next.all());
    }
}
