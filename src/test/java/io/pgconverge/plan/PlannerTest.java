package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.model.RoleSpec;
import io.pgconverge.model.Secret;
import io.pgconverge.plan.access.ScramSha256;
import io.pgconverge.plan.access.SqlStatement;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.config.ResolvedSecrets;
import io.pgconverge.plan.task.Action;
import io.pgconverge.plan.task.AlterRole;
import io.pgconverge.plan.task.BaseBackup;
import io.pgconverge.plan.task.CreateRole;
import io.pgconverge.plan.task.RecordApplied;
import io.pgconverge.plan.task.ResetAlterSystem;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.VerifyReplication;
import io.pgconverge.plan.task.WriteFile;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pgconverge.plan.FactsFixtures.CLUSTER_ID;
import static io.pgconverge.plan.FactsFixtures.labCluster;
import static io.pgconverge.plan.FactsFixtures.node;
import static io.pgconverge.plan.FactsFixtures.planner;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlannerTest {
    private final Cluster cluster = labCluster(15);
    private final List<Host> hosts = cluster.members();

    static List<String> ids(Plan plan) {
        return plan.tasks().stream().filter(t -> !(t instanceof RecordApplied)).map(Task::id).toList();
    }

    static int position(Plan plan, String id) {
        return plan.tasks().stream().map(Task::id).toList().indexOf(id);
    }

    private Plan plan(ClusterFacts facts) {
        return planner().plan(cluster, facts, secrets());
    }

    /** The converged lab with one node's facts replaced. */
    private ClusterFacts convergedWith(NodeFacts replacement) {
        Map<String, NodeFacts> nodes = new LinkedHashMap<>(FactsFixtures.converged(cluster, secrets()).nodes());
        nodes.put(replacement.host(), replacement);
        return new ClusterFacts(nodes);
    }

    @Test
    void freshNodesGetAPrimaryAndTwoRebuiltStandbys() {
        Plan plan = plan(FactsFixtures.facts(node(hosts.get(0)).build(), node(hosts.get(1)).build(),
                node(hosts.get(2)).build()));
        assertEquals(List.of("node1/pgconverge.conf", "node1/include", "node1/role/pgpool",
                "node1/role/repl", "node1/role/postgres", "node1/hba", "node1/passfile", "node1/restart",
                "node1/slot/127_0_0_12", "node1/slot/127_0_0_13",
                "node2/intent", "node2/stop", "node2/basebackup", "node2/hba", "node2/passfile",
                "node2/pgconverge.conf", "node2/standby.signal", "node2/include", "node2/start", "node2/intent-done",
                "node3/intent", "node3/stop", "node3/basebackup", "node3/hba", "node3/passfile",
                "node3/pgconverge.conf", "node3/standby.signal", "node3/include", "node3/start", "node3/intent-done",
                "node1/verify"), ids(plan));
        assertTrue(position(plan, "node1/role/repl") < position(plan, "node1/hba"), "password before hba");
        assertTrue(position(plan, "node1/restart") < position(plan, "node2/basebackup"));
        BaseBackup backup = (BaseBackup) plan.graph().task("node2/basebackup");
        assertEquals(Action.REPLACE, backup.action());
        assertTrue(backup.fetchCommand().endsWith("-X stream --checkpoint=fast -P -S 127_0_0_12"));
        assertTrue(position(plan, "node1/slot/127_0_0_12") < position(plan, "node2/basebackup"),
                "the slot reserves WAL before the backup's checkpoint");
        assertFalse(backup.fetchCommand().contains("repl-secret"));
        assertEquals("Plan: 14 to add, 9 to change, 2 to remove, 4 to run; 1 restart.", plan.summary().line());
        assertTrue(plan.refusals().isEmpty());
        assertEquals(List.of("listen_addresses", "wal_level", "max_wal_senders", "hot_standby", "wal_log_hints"),
                ((Restart) plan.graph().task("node1/restart")).settings());
    }

    @Test
    void aConvergedClusterHasNoChanges() {
        Plan plan = plan(FactsFixtures.converged(cluster, secrets()));
        assertEquals(List.of(), plan.tasks());
        assertFalse(plan.hasChanges());
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void alterSystemDriftAndAnExtraHbaLineAreExactlyTwoChangesOnThatNode() {
        Cluster withWorkMem = withSetting("work_mem", "16MB");
        ClusterFacts converged = FactsFixtures.converged(withWorkMem, secrets());
        NodeFacts node2 = converged.nodes().get("node2");
        String hba = node2.file("/srv/lab/node2/conf/pg_hba.conf").content().orElseThrow();
        FactsFixtures.Node drifted = node(hosts.get(1)).system(CLUSTER_ID).standby("127.0.0.11", "streaming")
                .convergedFiles(new DesiredFiles(withWorkMem, secrets(), io.pgconverge.render.TemplateRenderer.builtIn())
                        .of(hosts.get(1)))
                .file("/srv/lab/node2/conf/pg_hba.conf", hba + "host all all 0.0.0.0/0 trust\n")
                .file("/srv/lab/node2/data/postgresql.auto.conf", "# Do not edit this file manually!\nwork_mem = '64MB'\n")
                .setting("work_mem", "65536", "user", "configuration file", "/srv/lab/node2/data/postgresql.auto.conf");
        Map<String, NodeFacts> nodes = new LinkedHashMap<>(converged.nodes());
        nodes.put("node2", drifted.build());
        Plan plan = planner().plan(withWorkMem, new ClusterFacts(nodes), secrets());
        assertEquals(List.of("node2/hba", "node2/alter-system", "node2/reload"), ids(plan));
        assertEquals("Plan: 0 to add, 2 to change, 0 to remove.", plan.summary().line());
        assertEquals(List.of("ALTER SYSTEM RESET \"work_mem\""),
                ((ResetAlterSystem) plan.graph().task("node2/alter-system")).statements().stream()
                        .map(SqlStatement::sql).toList());
    }

    @Test
    void raisedMaxConnectionsRestartsStandbysFirst() {
        Plan plan = resized("200");
        assertEquals(List.of("node1/pgconverge.conf", "node2/pgconverge.conf", "node2/restart",
                "node3/pgconverge.conf", "node3/restart", "node1/restart"), restartOrder(plan));
        assertTrue(plan.graph().dependencies("node1/restart").containsAll(List.of("node2/restart", "node3/restart")));
    }

    @Test
    void loweredMaxConnectionsRestartsThePrimaryFirst() {
        Plan plan = resized("50");
        assertTrue(plan.graph().dependencies("node2/replay-settings").contains("node1/restart"));
        assertTrue(plan.graph().dependencies("node2/restart").contains("node2/replay-settings"));
        assertTrue(plan.graph().dependencies("node3/replay-settings").contains("node1/restart"));
        assertTrue(plan.graph().dependencies("node3/restart").contains("node3/replay-settings"));
        assertTrue(position(plan, "node1/restart") < position(plan, "node2/restart"));
    }

    @Test
    void raisingOneHotStandbyParameterWhileLoweringAnotherIsRefused() {
        Cluster both = withSetting("max_connections", "200");
        both = new Cluster(withSettingIn(both, "max_wal_senders", "5").desired(), both.members());
        Plan plan = planner().plan(both, FactsFixtures.converged(labCluster(15), secrets()), secrets());
        assertEquals(1, plan.refusals().size());
        assertTrue(plan.refusals().get(0).message().contains("apply the raise and the reduction separately"));
    }

    private Plan resized(String maxConnections) {
        Cluster resized = withSetting("max_connections", maxConnections);
        ClusterFacts facts = FactsFixtures.converged(labCluster(15), secrets());
        return planner().plan(resized, facts, secrets());
    }

    private static List<String> restartOrder(Plan plan) {
        return plan.tasks().stream().filter(t -> !(t instanceof RecordApplied) && !(t instanceof VerifyReplication))
                .map(Task::id).toList();
    }

    @Test
    void anUnchangedPasswordIsNoChangeAndAChangedOneIsOneSensitiveChange() {
        ResolvedSecrets changed = new ResolvedSecrets(Map.of(FactsFixtures.REPL_PW, new Secret("new-secret"),
                FactsFixtures.POSTGRES_PW, new Secret("pg-secret"), FactsFixtures.PGPOOL_PW, new Secret("pool-secret")));
        ClusterFacts facts = FactsFixtures.converged(cluster, secrets());
        assertFalse(planner().plan(cluster, facts, secrets()).hasChanges());
        Plan plan = planner().plan(cluster, facts, changed);
        AlterRole alter = (AlterRole) plan.graph().task("node1/role/repl");
        assertEquals(List.of("password: changed"), alter.changes());
        assertEquals("ALTER ROLE \"repl\" WITH PASSWORD (sensitive)", alter.statement().shown());
        assertTrue(alter.statement().sql().matches("ALTER ROLE \"repl\" WITH PASSWORD 'SCRAM-SHA-256\\$4096:.*'"));
        assertTrue(ScramSha256.matches(new io.pgconverge.facts.ScramVerifier(alter.password().orElseThrow().text()),
                new Secret("new-secret")));
        // the passfiles carry the replication password too: rewritten, never shown
        assertEquals(List.of("node1/role/repl", "node1/passfile", "node2/passfile", "node3/passfile"), ids(plan));
        assertTrue(((WriteFile) plan.graph().task("node2/passfile")).sensitive());
    }

    @Test
    void aStrangeRoleNameIsQuoted() {
        RoleSpec strange = new RoleSpec("a\"b; drop", Optional.of(true), Optional.of(false), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(2), Optional.empty());
        Cluster withStrange = new Cluster(FactsFixtures.desired(15, FactsFixtures.settings(),
                List.of(strange), Optional.empty()), hosts);
        ClusterFacts facts = FactsFixtures.converged(withStrange, secrets());
        assertFalse(planner().plan(withStrange, facts, secrets()).hasChanges());
        Map<String, NodeFacts> nodes = new LinkedHashMap<>(facts.nodes());
        nodes.put("node1", node(hosts.get(0)).system(CLUSTER_ID).convergedFiles(new DesiredFiles(withStrange,
                secrets(), io.pgconverge.render.TemplateRenderer.builtIn()).of(hosts.get(0)))
                .slot("127_0_0_12", true).slot("127_0_0_13", true).build());
        Plan plan = planner().plan(withStrange, new ClusterFacts(nodes), secrets());
        CreateRole create = (CreateRole) plan.graph().task("node1/role/a\"b; drop");
        assertEquals("CREATE ROLE \"a\"\"b; drop\" WITH NOSUPERUSER LOGIN CONNECTION LIMIT 2",
                create.statement().sql());
    }

    @Test
    void anUnreachableStandbyIsReportedNotSkippedSilently() {
        Plan plan = plan(convergedWith(NodeFacts.unreachable("node3", "connection timed out after 10 s")));
        assertFalse(plan.hasChanges());
        assertEquals(List.of("node3: unreachable (connection timed out after 10 s): nothing is planned for it"),
                plan.warnings().stream().map(Notice::toString).toList());
    }

    @Test
    void anUnreachablePrimaryIsARefusal() {
        Plan plan = plan(convergedWith(NodeFacts.unreachable("node1", "no route to host")));
        assertTrue(plan.refused());
        assertEquals("node1: the desired primary is unreachable (no route to host): nothing can be planned safely",
                plan.refusals().get(0).toString());
    }

    @Test
    void twoPrimariesOfOneClusterAreRefused() {
        NodeFacts node2 = node(hosts.get(1)).system(CLUSTER_ID).build();
        Plan plan = plan(convergedWith(node2));
        assertTrue(plan.refused());
        assertTrue(plan.refusals().get(0).toString().startsWith("node2: two primaries: it is out of recovery "
                + "like node1, and its history is not older than node1's"), plan.refusals().get(0).toString());
    }

    @Test
    void aStandbyWhoseSlotAndWalAreGoneIsRebuiltAndNothingElse() {
        ClusterFacts converged = FactsFixtures.converged(cluster, secrets());
        Map<String, NodeFacts> nodes = new LinkedHashMap<>(converged.nodes());
        nodes.put("node1", withoutSlot(converged.nodes().get("node1"), "127_0_0_12"));
        NodeFacts node2 = converged.nodes().get("node2");
        nodes.put("node2", node(hosts.get(1)).system(CLUSTER_ID).standby("127.0.0.11", null)
                .convergedFiles(new DesiredFiles(cluster, secrets(), io.pgconverge.render.TemplateRenderer.builtIn())
                        .of(hosts.get(1))).build());
        assertTrue(node2.isStandby());
        Plan plan = planner().plan(cluster, new ClusterFacts(nodes), secrets());
        assertEquals(List.of("node1/slot/127_0_0_12", "node2/intent", "node2/stop", "node2/basebackup",
                "node2/standby.signal", "node2/start", "node2/intent-done", "node1/verify"),
                ids(plan));
        BaseBackup backup = (BaseBackup) plan.graph().task("node2/basebackup");
        assertTrue(backup.fetchCommand().endsWith(" -P -S 127_0_0_12"));
        assertEquals("its slot 127_0_0_12 is gone from node1 and it does not stream: the WAL it needs is gone",
                backup.reason());
    }

    @Test
    void aStoppedStandbyIsStartedNotRebuilt() {
        ClusterFacts converged = FactsFixtures.converged(cluster, secrets());
        NodeFacts node3 = converged.nodes().get("node3");
        NodeFacts stopped = new NodeFacts(node3.host(), true, Optional.empty(), node3.os(), node3.binDir(),
                node3.dataDir(), node3.files(), false, Optional.empty(), Optional.empty(), Optional.empty());
        Plan plan = plan(convergedWith(stopped));
        assertEquals(List.of("node3/start", "node1/verify"), ids(plan));
        assertEquals("Plan: 0 to add, 0 to change, 0 to remove, 1 to run.", plan.summary().line());
    }

    private static NodeFacts withoutSlot(NodeFacts facts, String slot) {
        var s = facts.server().orElseThrow();
        var server = new io.pgconverge.facts.ServerFacts(s.version(), s.versionNum(), s.systemIdentifier(),
                s.timeline(), s.inRecovery(), s.currentLsn(), s.receivedLsn(), s.replayedLsn(), s.upstream(),
                s.settings(), s.hbaRules(), s.roles(), s.slots().stream().filter(x -> !x.name().equals(slot)).toList(),
                s.replication());
        return new NodeFacts(facts.host(), true, Optional.empty(), facts.os(), facts.binDir(), facts.dataDir(),
                facts.files(), true, Optional.of(server), Optional.empty(), Optional.empty());
    }

    private Cluster withSetting(String name, String value) {
        return withSettingIn(cluster, name, value);
    }

    private static Cluster withSettingIn(Cluster base, String name, String value) {
        Map<String, String> settings = new LinkedHashMap<>(base.desired().settings());
        settings.put(name, value);
        var d = base.desired();
        return new Cluster(new io.pgconverge.model.DesiredState(d.source(), d.group(), d.primary(), d.pgVersion(),
                settings, d.archive(), d.hba(), d.roles(), d.replication(), d.marks()), base.members());
    }
}
