package io.pgconverge.it;

import io.pgconverge.model.ArchiveSpec;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.HbaRule;
import io.pgconverge.model.Host;
import io.pgconverge.model.NodePaths;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.model.ReplicationSpec;
import io.pgconverge.model.RoleSpec;
import io.pgconverge.model.Secret;
import io.pgconverge.model.SecretRef;
import io.pgconverge.model.ServiceManager;
import io.pgconverge.plan.access.RolePlanner;
import io.pgconverge.plan.config.ConfigPlanner;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.config.NodeFiles;
import io.pgconverge.plan.config.ResolvedSecrets;
import io.pgconverge.plan.slots.SlotNames;
import io.pgconverge.plan.task.CreateRole;
import io.pgconverge.plan.task.CreateSlot;
import io.pgconverge.plan.task.Task;
import io.pgconverge.render.TemplateRenderer;
import io.pgconverge.testing.Commands;
import io.pgconverge.testing.ScratchServer;
import io.pgconverge.testing.ServerBinaries;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files the engine renders, accepted by real servers of the versions no Debian release ships here (and of 13
 * and 17 in another build): a primary initialised with initdb runs the engine's pgconverge.conf (included from
 * postgresql.conf by the engine's line) and pg_hba.conf and takes the engine's role and slot SQL; a standby made
 * with this machine's pg_basebackup (PostgreSQL 15's client, which supports servers back to 9.1; a newer server,
 * which it refuses, is copied while stopped instead) and the engine's
 * standby files (recovery.conf before 12; standby.signal and the recovery settings in pgconverge.conf from 12; the
 * passfile from 10) starts in recovery, authenticates with the rendered credentials, streams through its slot,
 * shows every setting as rendered, and starts in recovery again while its primary is down.
 */
@Tag("real-servers")
class RenderedFilesOnRealServersIT {
    private static final List<String> RELEASES = List.of("9.6.24", "10.23.0", "11.22.0", "12.22.0", "13.18.0",
            "14.15.0", "16.6.0", "17.2.0");
    private static final SecretRef REPL_PASSWORD = new SecretRef.Env("PGC_REPL_PASSWORD");
    private static final ResolvedSecrets SECRETS = new ResolvedSecrets(Map.of(REPL_PASSWORD,
            new Secret("scratch-repl-secret")));
    private static final Duration STREAM = Duration.ofSeconds(90);
    private static final int CLIENT_MAJOR = clientMajor();

    static Stream<Arguments> releases() {
        return IntStream.range(0, RELEASES.size()).mapToObj(i -> Arguments.of(RELEASES.get(i),
                ScratchServer.FIRST_PORT + 2 * i));
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("releases")
    void aStandbyMadeOfTheRenderedFilesStreamsFromAPrimaryOfItsVersion(String release, int port) {
        ServerBinaries binaries = ServerBinaries.of(release);
        Path dir = ScratchServer.scratchDir("pgconverge-realserver-" + release + "-");
        Cluster cluster = cluster(binaries, dir, port);
        Host node1 = cluster.members().get(0);
        Host node2 = cluster.members().get(1);
        try {
            buildAndCheck(binaries, cluster, node1, node2);
        } finally {
            Commands.run(List.of("rm", "-rf", "--one-file-system", dir.toString()));
        }
    }

    private static void buildAndCheck(ServerBinaries binaries, Cluster cluster, Host node1, Host node2) {
        int major = binaries.major();
        int port = node1.pg().port();
        DesiredFiles desired = new DesiredFiles(cluster, SECRETS, TemplateRenderer.builtIn());
        String slot = SlotNames.of(cluster.desired().replication().orElseThrow(), node2);
        try (ScratchServer primary = new ScratchServer(binaries, Path.of(node1.pg().dataDir()), port);
             ScratchServer standby = new ScratchServer(binaries, Path.of(node2.pg().dataDir()), port + 1)) {
            startPrimary(primary, cluster, desired.of(node1), slot, major);
            NodeFiles standbyFiles = desired.of(node2);
            baseBackup(Path.of(node1.pg().socketDir()), standby, primary, slot, standbyFiles, major);
            configure(standby, standbyFiles);
            standbyFiles.standbySignal().ifPresent(s -> standby.write("standby.signal", s));
            standbyFiles.recoveryConf().ifPresent(r -> standby.write("recovery.conf", r));
            standbyFiles.passfile().ifPresent(p -> standby.write(passfileName(node2), p));
            standby.start();
            assertEquals("t", standby.sql("SELECT pg_is_in_recovery()"));
            assertShows(standby, standbyFiles.settings());
            assertStreamsAndArchives(primary, standby, slot, major);
            primary.stop();
            standby.stop();
            standby.start();
            assertEquals("t", standby.sql("SELECT pg_is_in_recovery()"), "a standby whose primary is down");
        }
    }

    /** initdb, the engine's files and include line, then its role and slot SQL. */
    private static void startPrimary(ScratchServer primary, Cluster cluster, NodeFiles files, String slot, int major) {
        primary.initdb();
        configure(primary, files);
        primary.append("postgresql.conf", ConfigPlanner.INCLUDE_LINE);
        primary.start();
        assertShows(primary, files.settings());
        assertEquals("f", primary.sql("SELECT pg_is_in_recovery()"));
        RolePlanner roles = new RolePlanner(SECRETS, role -> new byte[16], major);
        for (Task task : roles.plan("node1", cluster.desired().roles(),
                Map.of("postgres", RolePlanner.bootstrapSuperuser("postgres")))) {
            primary.sql(((CreateRole) task).statement().sql());
        }
        primary.sql(new CreateSlot("node1/slot/" + slot, "node1", slot, "node2", major, "a standby").statement().sql());
    }

    private static void assertStreamsAndArchives(ScratchServer primary, ScratchServer standby, String slot,
                                                 int major) {
        primary.sql("CREATE TABLE scratch_rows AS SELECT g AS id FROM generate_series(1, 100) g");
        standby.await("SELECT count(*) FROM scratch_rows WHERE to_regclass('scratch_rows') IS NOT NULL",
                "100"::equals, STREAM);
        assertEquals("node2|streaming|" + slot + "|t", primary.sql("SELECT r.application_name, r.state,"
                + " s.slot_name, s.active FROM pg_stat_replication r JOIN pg_replication_slots s"
                + " ON s.active_pid = r.pid"));
        primary.sql("SELECT " + (PgMajorVersion.atLeast(major, 10) ? "pg_switch_wal()" : "pg_switch_xlog()"));
        primary.await("SELECT archived_count > 0 AND failed_count = 0 FROM pg_stat_archiver", "t"::equals, STREAM);
    }

    /** The engine's pg_hba.conf and pgconverge.conf (a standby has the include line in its copy of the primary's). */
    private static void configure(ScratchServer server, NodeFiles files) {
        server.write("pg_hba.conf", files.hba());
        server.write("pgconverge.conf", files.pgconvergeConf());
    }

    /**
     * pg_basebackup of this machine as the standby's OS user, authenticating as the replication role with the
     * engine's passfile (a passfile of the test's before 10, where the engine puts the password in recovery.conf);
     * the primary's copies of the engine's files are replaced by the standby's.
     */
    private static void baseBackup(Path dir, ScratchServer standby, ScratchServer primary, String slot,
                                   NodeFiles files, int major) {
        Path passfile = dir.resolve("basebackup.pgpass");
        ScratchServer.writeOwned(passfile, files.passfile()
                .orElse("*:*:replication:repl:" + SECRETS.get(REPL_PASSWORD).reveal() + "\n"));
        List<String> backup = List.of("pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(primary.port()),
                "-U", "repl", "-D", standby.data().toString(), "-X", "stream", "-S", slot, "-w");
        if (PgMajorVersion.atLeast(CLIENT_MAJOR, major)) {
            ScratchServer.runAsOsUser(List.of("PGPASSFILE=" + passfile), backup);
            return;
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ScratchServer.runAsOsUser(List.of("PGPASSFILE=" + passfile), backup));
        assertTrue(refused.getMessage().contains("incompatible server version"), refused.getMessage());
        primary.stop();
        ScratchServer.runAsOsUser(List.of(), List.of("cp", "-a", primary.data().toString(),
                standby.data().toString()));
        primary.start();
    }

    /** The major version of this machine's pg_basebackup: "pg_basebackup (PostgreSQL) 15.18 (Debian ...)". */
    private static int clientMajor() {
        String version = Commands.run(List.of("pg_basebackup", "--version")).replaceAll("^\\D*", "");
        return Integer.parseInt(version.split("[.\\s]")[0]);
    }

    private static void assertShows(ScratchServer server, Map<String, String> settings) {
        Map<String, String> shown = new LinkedHashMap<>();
        settings.keySet().forEach(name -> shown.put(name, server.show(name)));
        assertEquals(settings, shown, "the settings as the server shows them");
    }

    private static String passfileName(Host host) {
        return Path.of(NodePaths.of(host.pg()).passfile()).getFileName().toString();
    }

    /** node1 (primary) and node2 on 127.0.0.1, each with its data directory (holding its config) under dir. */
    private static Cluster cluster(ServerBinaries binaries, Path dir, int port) {
        int major = binaries.major();
        String method = PgMajorVersion.atLeast(major, 10) ? "scram-sha-256" : "md5";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("wal_level", "replica");
        settings.put("max_wal_senders", "10");
        settings.put("hot_standby", "on");
        settings.put("wal_log_hints", "on");
        List<HbaRule> hba = List.of(
                new HbaRule("local", "all", "all", Optional.empty(), "trust", Optional.empty()),
                new HbaRule("host", "replication", "repl", Optional.of("127.0.0.1/32"), method, Optional.empty()),
                new HbaRule("host", "all", "all", Optional.of("127.0.0.1/32"), method, Optional.empty()));
        List<RoleSpec> roles = List.of(new RoleSpec("repl", Optional.of(true), Optional.empty(), Optional.of(true),
                Optional.empty(), Optional.empty(), Optional.of(5), Optional.of(REPL_PASSWORD)));
        Path archive = ScratchServer.ownedDirectory(dir.resolve("archive"));
        DesiredState desired = new DesiredState("scratch.yml", "pg_scratch", "node1", major, settings,
                Optional.of(new ArchiveSpec(archive.toString(), true)), hba, roles,
                Optional.of(new ReplicationSpec("repl", true, Map.of())), Map.of());
        return new Cluster(desired, List.of(host("node1", binaries, dir, port), host("node2", binaries, dir, port + 1)));
    }

    private static Host host(String name, ServerBinaries binaries, Path dir, int port) {
        String data = dir.resolve(name).toString();
        PgLayout layout = new PgLayout(binaries.major(), port, data, binaries.home().resolve("bin").toString(), data,
                ServiceManager.PG_CTL, dir.toString());
        return new Host(name, "127.0.0.1", 22, ScratchServer.OS_USER, Optional.empty(), Optional.empty(), false,
                ConnectionKind.LOCAL, layout, Map.of());
    }
}
