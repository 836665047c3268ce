package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.Lsn;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.SlotFact;
import io.pgconverge.model.ArchiveSpec;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.task.Action;
import io.pgconverge.plan.task.BaseBackup;
import io.pgconverge.plan.task.CreateSlot;
import io.pgconverge.plan.task.DropSlot;
import io.pgconverge.plan.task.EnsureDirectory;
import io.pgconverge.plan.task.InitDb;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.WriteFile;
import io.pgconverge.render.TemplateRenderer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pgconverge.plan.FactsFixtures.CLUSTER_ID;
import static io.pgconverge.plan.FactsFixtures.node;
import static io.pgconverge.plan.FactsFixtures.planner;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static io.pgconverge.plan.PlannerTest.ids;
import static io.pgconverge.plan.PlannerTest.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Narrower planner cases: archive, warnings, restarts, slots, stopped and misplaced primaries. */
class PlannerCasesTest {
    private final Cluster cluster = FactsFixtures.labCluster(15);
    private final List<Host> hosts = cluster.members();

    private FactsFixtures.Node converged(Cluster c, int index) {
        Host host = c.members().get(index);
        FactsFixtures.Node node = node(host).system(CLUSTER_ID)
                .convergedFiles(new DesiredFiles(c, secrets(), TemplateRenderer.builtIn()).of(host));
        if (index == 0) {
            c.desired().roles().forEach(r -> node.role(r, r.password().map(secrets()::get)));
            node.slot("127_0_0_12", true).slot("127_0_0_13", true);
        } else {
            node.standby("127.0.0.11", "streaming");
        }
        return node;
    }

    private Plan planWith(Cluster c, NodeFacts... replacements) {
        Map<String, NodeFacts> nodes = new LinkedHashMap<>(FactsFixtures.converged(c, secrets()).nodes());
        for (NodeFacts n : replacements) {
            nodes.put(n.host(), n);
        }
        return planner().plan(c, new ClusterFacts(nodes), secrets());
    }

    private Cluster withArchive() {
        return new Cluster(FactsFixtures.desired(15, FactsFixtures.settings(), FactsFixtures.roles(),
                Optional.of(new ArchiveSpec("/var/backups/pgsql/archive", false))), hosts);
    }

    @Test
    void archiveDirectoryAndArchiveModeNeedARestartOnEveryNode() {
        Cluster archive = withArchive();
        Plan plan = planner().plan(archive, FactsFixtures.converged(cluster, secrets()), secrets());
        EnsureDirectory dir = (EnsureDirectory) plan.graph().task("node2/archive-dir");
        assertEquals(List.of("mkdir -p -m 0700 /var/backups/pgsql/archive", "chmod 0700 /var/backups/pgsql/archive"),
                dir.commands());
        Restart restart = (Restart) plan.graph().task("node1/restart");
        assertEquals(List.of("archive_mode"), restart.settings());
        assertTrue(plan.graph().dependencies("node1/restart").contains("node1/archive-dir"));
        String conf = ((WriteFile) plan.graph().task("node1/pgconverge.conf")).after();
        assertTrue(conf.contains("archive_command = 'test ! -f /var/backups/pgsql/archive/%f && cp %p "
                + "/var/backups/pgsql/archive/%f'\n"), conf);
    }

    @Test
    void archiveDirectoryWithTheWrongOwnerIsCorrectedAndARightOneLeftAlone() {
        Cluster archive = withArchive();
        Plan plan = planWith(archive,
                converged(archive, 0).directory("/var/backups/pgsql/archive", "root", "0755").build(),
                converged(archive, 1).directory("/var/backups/pgsql/archive", "postgres", "700").build(),
                converged(archive, 2).directory("/var/backups/pgsql/archive", "postgres", "0700").build());
        assertEquals(List.of("node1/archive-dir"), ids(plan));
        EnsureDirectory dir = (EnsureDirectory) plan.graph().task("node1/archive-dir");
        assertEquals(Action.UPDATE, dir.action());
        assertTrue(dir.commands().contains("chown postgres /var/backups/pgsql/archive"));
    }

    @Test
    void aManagedSettingPendingRestartGetsTheRestart() {
        Plan plan = planWith(cluster, converged(cluster, 2).pendingRestart("wal_log_hints").build());
        assertEquals(List.of("node3/restart", "node1/verify"), ids(plan));
        assertEquals(List.of("wal_log_hints"), ((Restart) plan.graph().task("node3/restart")).settings());
    }

    @Test
    void anUnmanagedSettingPendingRestartRestartsExactlyThatNodeAndSaysSo() {
        Plan plan = planWith(cluster, converged(cluster, 1).setting("shared_buffers", "16384", "postmaster",
                "configuration file", "/srv/lab/node2/conf/postgresql.conf").pendingRestart("shared_buffers").build());
        assertEquals(List.of("node2/restart", "node1/verify"), ids(plan));
        assertEquals(List.of("shared_buffers"), ((Restart) plan.graph().task("node2/restart")).settings());
        assertEquals(List.of("node2: shared_buffers changed outside the playbook and waits for a restart, which this "
                + "plan's restart applies"), plan.warnings().stream().map(Notice::toString).toList());
    }

    @Test
    void aSettingTheServerDoesNotReportRestartsToBeSafe() {
        Cluster custom = withSetting("pg_stat_statements.max", "10000");
        Map<String, NodeFacts> nodes = new LinkedHashMap<>(FactsFixtures.converged(cluster, secrets()).nodes());
        Plan plan = planner().plan(custom, new ClusterFacts(nodes), secrets());
        assertEquals(List.of("pg_stat_statements.max"), ((Restart) plan.graph().task("node1/restart")).settings());
    }

    @Test
    void aSighupSettingOnlyReloads() {
        Cluster custom = withSetting("work_mem", "64MB");
        Plan plan = planner().plan(custom, FactsFixtures.converged(cluster, secrets()), secrets());
        assertEquals(List.of("node1/pgconverge.conf", "node1/reload", "node2/pgconverge.conf", "node2/reload",
                "node3/pgconverge.conf", "node3/reload"), ids(plan));
        assertEquals("settings differ from the playbook: work_mem", plan.graph().task("node1/pgconverge.conf").reason());
    }

    @Test
    void strayEngineSlotsAreDroppedOthersReported() {
        NodeFacts node1 = converged(cluster, 0).slot("127_0_0_14", false).slot("127_0_0_15", true)
                .slot(new SlotFact("barman", "physical", false, Optional.of(new Lsn(0x1000000L)), Optional.of("extended")))
                .slot(new SlotFact("decoder", "logical", false, Optional.empty(), Optional.empty())).build();
        Plan plan = planWith(cluster, node1);
        assertEquals(List.of("node1/slot/127_0_0_14", "node1/verify"), ids(plan));
        assertEquals("SELECT pg_drop_replication_slot('127_0_0_14')",
                ((DropSlot) plan.graph().task("node1/slot/127_0_0_14")).statement().sql());
        assertEquals(List.of("node1: no member of the cluster uses slot 127_0_0_15, but it is active, so it is left alone",
                        "node1: slot barman was not made by pgconverge and is left alone; it is inactive and retains WAL "
                                + "from 0/1000000"),
                plan.warnings().stream().map(Notice::toString).toList());
    }

    @Test
    void aLostSlotIsDroppedAndTheStandbyRebuiltThroughANewOne() {
        NodeFacts node1 = node(hosts.get(0)).system(CLUSTER_ID)
                .convergedFiles(new DesiredFiles(cluster, secrets(), TemplateRenderer.builtIn()).of(hosts.get(0)))
                .slot(new SlotFact("127_0_0_12", "physical", false, Optional.empty(), Optional.of("lost")))
                .slot("127_0_0_13", true).build();
        FactsFixtures.Node n1 = converged(cluster, 0);
        Plan plan = planWith(cluster, rolesOf(n1, node1));
        assertEquals(List.of("node1/slot/127_0_0_12/lost", "node1/slot/127_0_0_12", "node2/intent", "node2/stop",
                "node2/basebackup", "node2/standby.signal", "node2/start", "node2/intent-done", "node1/verify"),
                ids(plan));
        assertTrue(position(plan, "node1/slot/127_0_0_12/lost") < position(plan, "node1/slot/127_0_0_12"));
        assertTrue(position(plan, "node1/slot/127_0_0_12") < position(plan, "node2/basebackup"));
        assertTrue(((BaseBackup) plan.graph().task("node2/basebackup")).fetchCommand().endsWith("-P -S 127_0_0_12"));
    }

    private static NodeFacts rolesOf(FactsFixtures.Node withRoles, NodeFacts target) {
        var s = target.server().orElseThrow();
        var server = new io.pgconverge.facts.ServerFacts(s.version(), s.versionNum(), s.systemIdentifier(), s.timeline(),
                s.inRecovery(), s.currentLsn(), s.receivedLsn(), s.replayedLsn(), s.upstream(), s.settings(),
                s.hbaRules(), withRoles.build().server().orElseThrow().roles(), s.slots(), s.replication());
        return new NodeFacts(target.host(), true, Optional.empty(), target.os(), target.binDir(), target.dataDir(),
                target.files(), true, Optional.of(server), Optional.empty(), Optional.empty());
    }

    @Test
    void aStoppedPrimaryIsStartedAndRolesWaitForTheNextPlan() {
        NodeFacts node1 = converged(cluster, 0).stopped().build();
        Plan plan = planWith(cluster, node1);
        assertEquals(List.of("node1/start", "node1/verify"), ids(plan));
        assertEquals(List.of("node1: the server is down, so its roles and slots cannot be read; this apply starts it, "
                + "and the next plan converges them"), plan.warnings().stream().map(Notice::toString).toList());
    }

    @Test
    void unknownDataDirectoriesAreNeverInitialisedOrRebuilt() {
        NodeFacts bare = new NodeFacts("node1", true, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), false, Optional.empty(), Optional.empty(), Optional.empty());
        Plan plan = planWith(cluster, bare);
        assertTrue(plan.refused());
        assertTrue(plan.tasks().stream().noneMatch(t -> t instanceof InitDb || t instanceof BaseBackup));
        assertEquals("node1: the state of the desired primary's data directory could not be read",
                plan.refusals().get(0).toString());
        NodeFacts bare2 = new NodeFacts("node2", true, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), false, Optional.empty(), Optional.empty(), Optional.empty());
        Plan second = planWith(cluster, bare2);
        assertEquals(List.of(), ids(second));
        assertEquals("node2: the state of its data directory could not be read: nothing is planned for it",
                second.warnings().get(0).toString());
    }

    @Test
    void alterSystemOnAStoppedNodeIsRemovedFromTheFile() {
        NodeFacts node3 = converged(cluster, 2).stopped()
                .file("/srv/lab/node3/data/postgresql.auto.conf", "# Do not edit\nwal_log_hints = 'off'\nwork_mem = 1MB\n")
                .build();
        Plan plan = planWith(cluster, node3);
        assertEquals(List.of("node3/auto.conf", "node3/start", "node1/verify"), ids(plan));
        assertEquals("# Do not edit\nwork_mem = 1MB\n", ((WriteFile) plan.graph().task("node3/auto.conf")).after());
    }

    @Test
    void aPassfileReadableByOthersIsRewritten() {
        Host h = hosts.get(1);
        FactsFixtures.Node node2 = converged(cluster, 1);
        io.pgconverge.facts.FileFact passfile = node2.files.get("/srv/lab/node2/conf/pgconverge.pgpass");
        node2.files.put(passfile.path(), new io.pgconverge.facts.FileFact(passfile.path(), true, Optional.empty(),
                "postgres", "0644", passfile.sha256()));
        Plan plan = planWith(cluster, node2.build());
        assertEquals(List.of("node2/passfile"), ids(plan));
        assertEquals(h.name(), plan.tasks().get(0).host());
    }

    @Test
    void onPostgres95TheSlotIsCreatedBeforeTheBaseBackup() {
        Cluster old = FactsFixtures.labCluster(905);
        ClusterFacts facts = FactsFixtures.facts(node(old.members().get(0)).build(), node(old.members().get(1)).build(),
                node(old.members().get(2)).build());
        Plan plan = planner().plan(old, facts, secrets());
        assertTrue(plan.graph().dependencies("node2/basebackup").contains("node1/slot/127_0_0_12"));
        BaseBackup backup = (BaseBackup) plan.graph().task("node2/basebackup");
        assertTrue(backup.fetchCommand().contains("--xlog-method=stream") && !backup.fetchCommand().contains("-S "));
        assertEquals("SELECT pg_create_physical_replication_slot('127_0_0_12')",
                ((CreateSlot) plan.graph().task("node1/slot/127_0_0_12")).statement().sql());
    }

    @Test
    void rolesComeBeforeEveryHbaWrite() {
        Plan plan = planner().plan(cluster, FactsFixtures.facts(node(hosts.get(0)).build(), node(hosts.get(1)).build(),
                node(hosts.get(2)).build()), secrets());
        for (String hba : List.of("node1/hba", "node2/hba", "node3/hba")) {
            assertTrue(plan.graph().dependencies(hba).containsAll(List.of("node1/role/repl", "node1/role/postgres",
                    "node1/role/pgpool")), hba);
        }
    }

    private Cluster withSetting(String name, String value) {
        Map<String, String> settings = new LinkedHashMap<>(FactsFixtures.settings());
        settings.put(name, value);
        return new Cluster(FactsFixtures.desired(15, settings, FactsFixtures.roles(), Optional.empty()), hosts);
    }
}
