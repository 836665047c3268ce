package io.pgconverge.load;

import io.pgconverge.model.ArchiveSpec;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.HbaRule;
import io.pgconverge.model.Host;
import io.pgconverge.model.InputException;
import io.pgconverge.model.Mark;
import io.pgconverge.model.ReplicationSpec;
import io.pgconverge.model.RoleSpec;
import io.pgconverge.model.SecretRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClusterLoaderTest {
    private static final Path HA = Path.of("playbooks/ha-cluster.yml");
    private static final Path LAB = Path.of("src/test/resources/inventories/lab.yml");
    private static final Map<String, String> ENV = Map.of("PGC_REPL_PASSWORD", "r", "PGC_POSTGRES_PASSWORD", "p",
            "PGC_PGPOOL_PASSWORD", "q");

    @TempDir
    Path dir;

    private static ClusterLoader loader(Map<String, String> env) {
        return new ClusterLoader(new HostResolver("operator", Path.of("/home/operator")),
                new SecretResolver(env, Path.of("/home/operator")));
    }

    private Cluster load(String playbook, String... extraVars) throws IOException {
        Path file = dir.resolve("playbook.yml");
        Files.writeString(file, playbook);
        return loader(ENV).load(file, LAB, List.of(extraVars));
    }

    private static String base(String settings) {
        return """
                hosts: pg_lab
                primary: node1
                postgres: { version: 15 }
                settings:
                %s
                hba:
                  - { type: local, database: all, user: postgres, method: peer }
                """.formatted(settings.indent(2).stripTrailing());
    }

    @Test
    void theReferencePlaybookLoadsCompletely() {
        Cluster cluster = loader(ENV).load(HA, LAB, List.of());
        DesiredState d = cluster.desired();
        assertEquals("pg_lab", d.group());
        assertEquals(15, d.pgVersion());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", "*");
        settings.put("wal_level", "replica");
        settings.put("max_wal_senders", "10");
        settings.put("max_replication_slots", "10");
        settings.put("hot_standby", "on");
        settings.put("wal_log_hints", "on");
        assertEquals(List.copyOf(settings.entrySet()), List.copyOf(d.settings().entrySet()));
        assertEquals(10, d.hba().size());
        assertEquals(new HbaRule("local", "all", "postgres", Optional.empty(), "peer", Optional.empty()), d.hba().get(0));
        assertEquals(new HbaRule("host", "all", "all", Optional.of("::1/128"), "scram-sha-256", Optional.empty()),
                d.hba().get(3));
        assertEquals(new RoleSpec("repl", Optional.of(true), Optional.empty(), Optional.of(true), Optional.empty(),
                Optional.empty(), Optional.of(5), Optional.of(new SecretRef.Env("PGC_REPL_PASSWORD"))), d.roles().get(0));
        assertEquals(Optional.of(new ReplicationSpec("repl", true, Map.of())), d.replication());
        assertEquals(Optional.empty(), d.archive());
        assertEquals(List.of("node1", "node2", "node3"), cluster.members().stream().map(Host::name).toList());
        assertEquals("node1", cluster.primary().name());
        assertEquals(List.of("node2", "node3"), cluster.standbys().stream().map(Host::name).toList());
    }

    @Test
    void everyKeyReadHasItsPosition() {
        DesiredState d = loader(ENV).load(HA, LAB, List.of()).desired();
        String f = HA.toString();
        assertEquals(new Mark(f, 14, 8), d.markOf("hosts"));
        assertEquals(new Mark(f, 15, 10), d.markOf("primary"));
        assertEquals(new Mark(f, 18, 12), d.markOf("postgres.version"));
        assertEquals(new Mark(f, 22, 3), d.markOf("settings.wal_level"));
        assertEquals(new Mark(f, 30, 3), d.markOf("hba"));
        assertEquals(new Mark(f, 30, 5), d.markOf("hba[0]"));
        assertEquals(new Mark(f, 30, 59), d.markOf("hba[0].method"));
        assertEquals(new Mark(f, 46, 82), d.markOf("roles[0].password"));
        assertEquals(new Mark(f, 51, 9), d.markOf("replication.user"));
    }

    @Test
    void settingValuesTakePostgresqlTextForm() throws IOException {
        DesiredState d = load(base("""
                hot_standby: true
                fsync: no
                wal_log_hints: 'on'
                checkpoint_completion_target: 0.90
                max_wal_size: 2GB
                work_mem: 4096
                shared_preload_libraries: [pg_stat_statements, auto_explain]
                datestyle: 'iso, mdy'
                pg_stat_statements.max: 10000
                """)).desired();
        assertEquals(List.of("hot_standby=on", "fsync=off", "wal_log_hints=on", "checkpoint_completion_target=0.90",
                "max_wal_size=2GB", "work_mem=4096", "shared_preload_libraries=pg_stat_statements, auto_explain",
                "DateStyle=iso, mdy", "pg_stat_statements.max=10000"),
                d.settings().entrySet().stream().map(Object::toString).toList());
    }

    @Test
    void extraVarsOverridePlaybookKeysAndSayWhereTheyCameFrom() throws IOException {
        DesiredState d = load(base("max_wal_senders: 10\nhot_standby: on"), "primary=node3",
                "settings.max_wal_senders=20 settings.work_mem=64MB", "archive.dir=/srv/archive",
                "postgres.version=15").desired();
        assertEquals("node3", d.primary());
        assertEquals(List.of("max_wal_senders=20", "hot_standby=on", "work_mem=64MB"),
                d.settings().entrySet().stream().map(Object::toString).toList());
        assertEquals(Optional.of(new ArchiveSpec("/srv/archive", false)), d.archive());
        assertEquals(Mark.of("-e primary"), d.markOf("primary"));
        assertEquals(Mark.of("-e settings.work_mem"), d.markOf("settings.work_mem"));
        assertEquals(Mark.of("-e postgres.version"), d.markOf("postgres.version"));
    }

    @Test
    void mergeKeysWorkInPlaybooks() throws IOException {
        DesiredState d = load(base("hot_standby: on") + """
                roles:
                  - &login { name: app, login: true, createdb: false }
                  - { <<: *login, name: report }
                """).desired();
        assertEquals(List.of("app", "report"), d.roles().stream().map(RoleSpec::name).toList());
        assertEquals(Optional.of(true), d.roles().get(1).login());
        assertEquals(Optional.of(false), d.roles().get(1).createdb());
    }

    @Test
    void aMissingEnvironmentVariableIsNamedAndValuesAreNeverShown() {
        InputException e = assertThrows(InputException.class,
                () -> loader(Map.of("PGC_REPL_PASSWORD", "r-secret-value")).load(HA, LAB, List.of()));
        assertEquals(List.of(
                HA + ":47:33: environment variable PGC_POSTGRES_PASSWORD is not set",
                HA + ":48:44: environment variable PGC_PGPOOL_PASSWORD is not set"),
                e.diagnostics().stream().map(Object::toString).toList());
    }

    @Test
    void theEngineKeepsItsWayInThroughAnyRuleThatMatchesItFirst() throws IOException {
        for (String first : List.of("{ type: local, database: all, user: all, method: trust }",
                "{ type: local, database: sameuser, user: all, method: peer }",
                "{ type: local, database: 'postgres,template1', user: '+postgres', method: peer }",
                "{ type: local, database: replication, user: all, method: reject }")) {
            String playbook = base("hot_standby: on").replace(
                    "  - { type: local, database: all, user: postgres, method: peer }",
                    "  - " + first + "\n  - { type: local, database: all, user: postgres, method: peer }");
            assertEquals("node1", load(playbook).desired().primary(), first);
        }
    }

    @Test
    void aPasswordMethodForTheEngineNeedsPostgresPassword() throws IOException {
        String scramOnly = base("hot_standby: on").replace("method: peer", "method: scram-sha-256");
        assertEquals("node1", load(scramOnly + "roles:\n  - { name: postgres, password: { env: PGC_POSTGRES_PASSWORD } }\n")
                .desired().primary());
        InputException e = assertThrows(InputException.class, () -> load(scramOnly));
        assertEquals(1, e.diagnostics().size(), e.getMessage());
    }

    @Test
    void replicationRulesMatchEveryMemberByAddress() throws IOException {
        String roles = "roles:\n  - { name: repl, login: true, replication: true, password: { env: PGC_REPL_PASSWORD } }\n"
                + "replication: { user: repl }\n";
        for (String rule : List.of("{ type: host, database: replication, user: repl, address: 127.0.0.0/8, method: md5 }",
                "{ type: hostssl, database: replication, user: all, address: all, method: scram-sha-256 }",
                "{ type: host, database: replication, user: repl, address: samenet, method: scram-sha-256 }",
                "{ type: host, database: replication, user: 'repl,other', address: '::1/128', method: reject }\n"
                        + "  - { type: host, database: replication, user: repl, address: 127.0.0.8/29, method: trust }")) {
            assertEquals("node1", load(base("hot_standby: on") + "  - " + rule + "\n" + roles).desired().primary(), rule);
        }
        InputException e = assertThrows(InputException.class, () -> load(base("hot_standby: on")
                + "  - { type: host, database: replication, user: repl, address: 127.0.0.12/31, method: md5 }\n" + roles));
        assertEquals(List.of(dir.resolve("playbook.yml") + ":7:3: no hba rule lets replication user repl connect to"
                + " database replication from node1 (127.0.0.11); add a rule such as { type: host,"
                + " database: replication, user: repl, address: 127.0.0.11/32, method: scram-sha-256 }"),
                e.diagnostics().stream().map(Object::toString).toList());
    }

    @Test
    void databaseAllDoesNotMatchReplicationConnections() throws IOException {
        String playbook = base("hot_standby: on")
                + "  - { type: host, database: all, user: all, address: all, method: trust }\n"
                + "roles: [ { name: repl, login: true, replication: true } ]\nreplication: { user: repl }\n";
        InputException e = assertThrows(InputException.class, () -> load(playbook));
        assertEquals(1, e.diagnostics().size(), e.getMessage());
    }

    @Test
    void severalPlaybooksLoadAgainstOneInventory() throws IOException {
        Path inventory = dir.resolve("inventory.yml");
        Files.writeString(inventory, """
                all:
                  children:
                    east: { hosts: { e1: { pg_port: 5441 }, e2: { pg_port: 5442 } } }
                    west: { hosts: { w1: { ansible_host: e1, pg_port: 5441 } } }
                    south: { hosts: { s1: } }
                """);
        Path east = dir.resolve("east.yml");
        Path west = dir.resolve("west.yml");
        Path south = dir.resolve("south.yml");
        Files.writeString(east, base("hot_standby: on").replace("pg_lab", "east").replace("node1", "e1"));
        Files.writeString(west, base("hot_standby: on").replace("pg_lab", "west").replace("node1", "w1"));
        Files.writeString(south, base("hot_standby: on").replace("pg_lab", "south").replace("node1", "s1"));
        assertEquals(2, loader(ENV).loadAll(List.of(east, south), inventory, List.of()).size());
        InputException e = assertThrows(InputException.class,
                () -> loader(ENV).loadAll(List.of(east, west, south), inventory, List.of()));
        assertEquals(List.of(west + ":1:8: host w1 is also in the cluster of " + east
                + " (group 'east'); a host belongs to one cluster only"),
                e.diagnostics().stream().map(Object::toString).toList());
    }
}
