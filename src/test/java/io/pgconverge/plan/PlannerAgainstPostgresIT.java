package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.HbaRule;
import io.pgconverge.model.Host;
import io.pgconverge.model.ReplicationSpec;
import io.pgconverge.model.RoleSpec;
import io.pgconverge.model.Secret;
import io.pgconverge.model.SecretRef;
import io.pgconverge.render.TemplateRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Plans made for two throwaway PostgreSQL 15 nodes are carried out step by step by a naive runner in this
 * test (the real executor lives elsewhere): the rendered files, commands and SQL must work on a real server,
 * and afterwards the next plan must be empty.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlannerAgainstPostgresIT {
    private static final SecretRef REPL = new SecretRef.Env("IT_REPL");
    private static final SecretRef POOL = new SecretRef.Env("IT_POOL");
    private static final ResolvedSecrets SECRETS = new ResolvedSecrets(Map.of(REPL, new Secret("r3pl:pw\\x'q"),
            POOL, new Secret("pool pw")));
    private static Path root;
    private static LocalCluster local;
    private static Cluster cluster;
    private static Host node1;
    private static Host node2;
    private final Planner planner = new Planner(TemplateRenderer.builtIn(), SaltSource.secureRandom());

    @BeforeAll
    static void createNodes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(LocalCluster.BIN, "initdb")), "PostgreSQL 15 is not installed");
        root = Files.createTempDirectory("pgconverge-it-");
        if (LocalCluster.asRoot()) {
            new ProcessBuilder("chown", "postgres", root.toString()).start().waitFor();
        }
        local = new LocalCluster(root);
        node1 = local.host(1);
        node2 = local.host(2);
        local.create(node1);
        local.create(node2);
        cluster = new Cluster(desired(), List.of(node1, node2));
    }

    @AfterAll
    static void removeNodes() {
        if (local != null) {
            local.stopQuietly(node2);
            local.stopQuietly(node1);
            LocalCluster.sh("rm -rf -- " + root + "/node1 " + root + "/node2");
            root.toFile().delete();
        }
    }

    private static DesiredState desired() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", "127.0.0.51,127.0.0.52");
        settings.put("wal_level", "replica");
        settings.put("max_wal_senders", "10");
        settings.put("hot_standby", "on");
        settings.put("wal_log_hints", "on");
        settings.put("work_mem", "16MB");
        List<HbaRule> hba = List.of(new HbaRule("local", "all", "postgres", Optional.empty(), "peer", Optional.empty()),
                new HbaRule("local", "all", "all", Optional.empty(), "scram-sha-256", Optional.empty()),
                new HbaRule("host", "replication", "repl", Optional.of("127.0.0.0/8"), "scram-sha-256", Optional.empty()),
                new HbaRule("host", "all", "all", Optional.of("127.0.0.0/8"), "scram-sha-256", Optional.empty()));
        List<RoleSpec> roles = List.of(new RoleSpec("repl", Optional.of(true), Optional.empty(), Optional.of(true),
                        Optional.empty(), Optional.empty(), Optional.of(5), Optional.of(REPL)),
                new RoleSpec("pgpool", Optional.of(true), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(POOL)));
        return new DesiredState("it.yml", "it", "node1", 15, settings, Optional.empty(), hba, roles,
                Optional.of(new ReplicationSpec("repl", true, Map.of())), Map.of());
    }

    private Plan plan() {
        return planner.plan(cluster, new ClusterFacts(Map.of("node1", local.facts(node1), "node2", local.facts(node2))),
                SECRETS);
    }

    @Test
    @Order(1)
    void twoFreshNodesBecomeAPrimaryAndAStreamingStandby() {
        Plan plan = plan();
        assertTrue(plan.tasks().stream().anyMatch(t -> t instanceof BaseBackup), plan.tasks().toString());
        new NaiveRunner(local, cluster).apply(plan);
        assertEquals("t", local.psql(node2, "select pg_is_in_recovery()").trim());
        assertEquals(local.psql(node1, "select system_identifier from pg_control_system()"),
                local.psql(node2, "select system_identifier from pg_control_system()"));
        assertEquals("node2|streaming|127_0_0_52|t", local.psql(node1, "select application_name, state, slot_name, "
                + "active from pg_stat_replication join pg_replication_slots on active_pid = pid").trim());
        assertEquals("0", local.psql(node1, "select count(*) from pg_hba_file_rules where error is not null").trim());
        assertEquals("pgpool", LocalCluster.sh("PGPASSWORD='pool pw' psql -X -h 127.0.0.51 -p 55951 -U pgpool "
                + "-d postgres -Atc 'select current_user'").trim());
        assertFalse(plan().hasChanges(), "the next plan is empty");
    }

    @Test
    @Order(2)
    void alterSystemAndAnExtraHbaLineAreTwoChangesThenNone() {
        local.psql(node2, "ALTER SYSTEM SET work_mem = '64MB';");
        local.psql(node2, "select pg_reload_conf()");
        String hba = node2.pg().configDir() + "/pg_hba.conf";
        local.write(hba, local.read(hba) + "host all all 10.0.0.0/8 trust\n", "0640");
        Plan plan = plan();
        assertEquals(List.of("node2/hba", "node2/alter-system", "node2/reload"), PlannerTest.ids(plan));
        new NaiveRunner(local, cluster).apply(plan);
        assertEquals("16MB", local.psql(node2, "show work_mem").trim());
        assertFalse(plan().hasChanges());
    }

    @Test
    @Order(3)
    void aStoppedStandbyIsStarted() {
        LocalCluster.sh(new ServiceCommands(node2.pg()).stop() + " >/dev/null");
        Plan plan = plan();
        assertEquals(List.of("node2/start", "node1/verify"), PlannerTest.ids(plan));
        new NaiveRunner(local, cluster).apply(plan);
        assertFalse(plan().hasChanges());
    }
}
