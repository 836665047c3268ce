package io.pgconverge.facts;

import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Host;
import io.pgconverge.model.Secret;
import io.pgconverge.render.FactsJsonRenderer;
import io.pgconverge.render.FactsTextRenderer;
import io.pgconverge.transport.LocalRemoteShell;
import io.pgconverge.transport.PgSessionOpener;
import io.pgconverge.transport.ShellOpener;
import io.pgconverge.transport.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Facts from real PostgreSQL 15 servers of this test's own (127.0.0.77, ports 5477 and 5478, sockets in a
 * temporary directory), read through a local shell as the postgres OS user with peer authentication.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FactGathererIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private Path dir;
    private ThrowawayServer primary;
    private ThrowawayServer standby;
    private ThrowawayServer second;
    private long primarySystemId;

    /** Local hosts get a local shell; SSH hosts only a TCP connect (this test has no SSH transport). */
    private static final ShellOpener OPENER = (host, timeout) -> {
        if (host.connection() == ConnectionKind.LOCAL) {
            return new LocalRemoteShell(host.name(), host.user());
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host.address(), host.sshPort()), (int) timeout.toMillis());
        } catch (SocketTimeoutException e) {
            throw new TransportException("connect timed out after " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new TransportException("cannot connect to " + host.address() + ":" + host.sshPort() + ": " + e.getMessage());
        }
        throw new TransportException("no SSH transport in this test");
    };

    private static FactGatherer gatherer(Optional<Secret> password) {
        return new FactGatherer(OPENER, PgSessionOpener.psql(password, Duration.ofSeconds(30)),
                GatherOptions.defaults().withConnectTimeout(CONNECT_TIMEOUT));
    }

    private static NodeFacts gatherOne(Host host) {
        return gatherer(Optional.empty()).gather(List.of(host)).node(host.name()).orElseThrow();
    }

    @BeforeAll
    void startServer() throws IOException {
        assumeTrue(ThrowawayServer.available(), "needs root and PostgreSQL in " + ThrowawayServer.BIN);
        dir = Files.createTempDirectory("pgconverge-facts-it");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        primary = new ThrowawayServer(dir, "primary", 5477);
        primary.init();
        primary.start();
        primarySystemId = primary.controlDataSystemIdentifier();
    }

    @AfterAll
    void removeServers() throws IOException {
        for (ThrowawayServer s : java.util.Arrays.asList(second, standby)) {
            if (s != null) {
                s.stopIfRunning();
            }
        }
        if (primary != null) {
            primary.stopIfRunning();
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    @Order(1)
    void readsARunningPrimary() {
        NodeFacts n = gatherOne(primary.host("pg1"));
        assertTrue(n.reachable(), n.unreachableReason().orElse(""));
        assertTrue(n.running());
        assertEquals(Optional.empty(), n.serverError());
        ServerFacts s = n.server().orElseThrow();
        assertEquals(primarySystemId, s.systemIdentifier());
        assertFalse(s.inRecovery());
        assertEquals(1, s.timeline());
        assertTrue(s.currentLsn().isPresent());
        assertEquals(15, s.majorVersion());
        assertEquals("replica", s.setting("wal_level").orElseThrow().setting());
        assertEquals("5477", s.setting("port").orElseThrow().setting());
        assertTrue(s.roles().get("postgres").superuser());
        assertEquals("none", s.roles().get("postgres").passwordKind());
        assertEquals(ThrowawayServer.run("uname", "-m").strip(), n.os().orElseThrow().arch());
        assertTrue(n.installedVersion().orElseThrow().startsWith("15."));
        DataDirFacts d = n.dataDir().orElseThrow();
        assertTrue(d.initialised());
        assertEquals("postgres", d.owner());
        assertEquals(Optional.of(primarySystemId), d.systemIdentifier());
        assertEquals(Optional.of("in production"), d.clusterState());
        assertTrue(n.file(primary.data + "/postgresql.conf").content().orElseThrow().contains("port = 5477"));
    }

    @Test
    @Order(2)
    void parsesTheHbaFileAsTheServerDoes() {
        NodeFacts n = gatherOne(primary.host("pg1"));
        String hba = n.file(primary.data + "/pg_hba.conf").content().orElseThrow();
        assertEquals(n.server().orElseThrow().hbaRules(), HbaFileParser.parse(hba));
    }

    @Test
    @Order(3)
    void readsTheAppliedRecordAndOnlyTheModeOfThePassfile() throws IOException {
        AppliedRecord record = new AppliedRecord("playbooks/ha-cluster.yml", Optional.of("abc123"),
                "2024-05-01T12:00:00Z", "0.1.0");
        Files.writeString(primary.data.resolve("pgconverge.applied"), AppliedRecordFile.render(record));
        String passfileContent = "*:*:*:repl:" + UUID.randomUUID();
        Path passfile = primary.data.resolve("pgconverge.pgpass");
        Files.writeString(passfile, passfileContent);
        Files.setPosixFilePermissions(passfile, PosixFilePermissions.fromString("rw-------"));
        ThrowawayServer.run("chown", "postgres:postgres", passfile.toString());

        ClusterFacts facts = gatherer(Optional.empty()).gather(List.of(primary.host("pg1")));
        NodeFacts n = facts.node("pg1").orElseThrow();
        assertEquals(Optional.of(record), n.lastApplied());
        FileFact pgpass = n.file(passfile.toString());
        assertTrue(pgpass.exists());
        assertEquals("0600", pgpass.mode());
        assertEquals("postgres", pgpass.owner());
        assertEquals(Optional.empty(), pgpass.content());
        String json = new FactsJsonRenderer().render(facts);
        assertTrue(json.contains("\"wal_level\""));
        assertFalse(json.contains(passfileContent));
        assertFalse(new FactsTextRenderer().render(facts).contains(passfileContent));
    }

    @Test
    @Order(4)
    void usesThePasswordWhereHbaRequiresOne() throws IOException {
        Secret password = new Secret(UUID.randomUUID() + ":x\\y");
        String literal = password.reveal().replace("'", "''");
        new io.pgconverge.transport.PsqlPgSession(new LocalRemoteShell("pg1", "postgres"), ThrowawayServer.BIN + "/psql",
                primary.run.toString(), primary.port, Optional.empty(), Duration.ofSeconds(30))
                .execute(List.of("SET password_encryption = 'scram-sha-256'",
                        "ALTER ROLE postgres PASSWORD '" + literal + "'"));
        Path hba = primary.data.resolve("pg_hba.conf");
        String peerHba = Files.readString(hba);
        try {
            Files.writeString(hba, "local all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\n");
            primary.psql("SELECT pg_reload_conf()");

            NodeFacts withoutPassword = gatherOne(primary.host("pg1"));
            assertTrue(withoutPassword.running());
            assertEquals(Optional.empty(), withoutPassword.server());
            assertTrue(withoutPassword.serverError().orElseThrow().contains("password"),
                    withoutPassword.serverError().get());

            NodeFacts withPassword = gatherer(Optional.of(password)).gather(List.of(primary.host("pg1")))
                    .node("pg1").orElseThrow();
            ServerFacts s = withPassword.server().orElseThrow();
            RoleFact postgres = s.roles().get("postgres");
            assertEquals("scram-sha-256", postgres.passwordKind());
            assertTrue(postgres.scram().orElseThrow().text().startsWith("SCRAM-SHA-256$"));
            assertEquals(2, s.hbaRules().size());
            assertEquals("scram-sha-256", s.hbaRules().get(0).method());
            assertEquals(0, Files.list(Path.of("/tmp")).filter(p -> p.getFileName().toString().startsWith("tmp."))
                    .filter(p -> readable(p).contains(password.reveal().replace(":", "\\:"))).count());
        } finally {
            Files.writeString(hba, peerHba);
            primary.reload();
        }
    }

    /**
     * Two dead nodes next to a live one: 127.0.0.99:2222 (nothing listens, or not an SSH transport this test has)
     * and a node whose SYNs are dropped (a listener on 127.0.0.99 whose accept queue is full), which costs exactly
     * the connect timeout.
     */
    @Test
    @Order(5)
    void reportsDeadNodesAfterAtMostTheirTimeoutWhileOthersComplete() throws IOException {
        try (ServerSocket blackhole = new ServerSocket()) {
            blackhole.bind(new InetSocketAddress("127.0.0.99", 0), 1);
            List<Socket> fillers = fillAcceptQueue(blackhole);
            try {
                Host dead = deadHost("dead", 2222);
                Host silent = deadHost("silent", blackhole.getLocalPort());
                long start = System.nanoTime();
                ClusterFacts facts = gatherer(Optional.empty()).gather(List.of(primary.host("pg1"), dead, silent));
                long millis = (System.nanoTime() - start) / 1_000_000;

                assertTrue(facts.node("pg1").orElseThrow().server().isPresent());
                assertFalse(facts.node("dead").orElseThrow().reachable());
                NodeFacts s = facts.node("silent").orElseThrow();
                assertFalse(s.reachable());
                assertEquals(Optional.of("connect timed out after 3 s"), s.unreachableReason());
                assertTrue(millis >= CONNECT_TIMEOUT.toMillis() - 100 && millis < CONNECT_TIMEOUT.toMillis() + 3_000,
                        "took " + millis + " ms");
                String text = new FactsTextRenderer().render(facts);
                assertTrue(text.contains("silent (127.0.0.99)\n  unreachable:     connect timed out after 3 s\n"), text);
            } finally {
                for (Socket f : fillers) {
                    f.close();
                }
            }
        }
    }

    /** Connects until the listener's accept queue is full, so that further connection attempts hang. */
    private static List<Socket> fillAcceptQueue(ServerSocket listener) throws IOException {
        List<Socket> fillers = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Socket s = new Socket();
            try {
                s.connect(listener.getLocalSocketAddress(), 300);
                fillers.add(s);
            } catch (SocketTimeoutException e) {
                s.close();
                return fillers;
            }
        }
        throw new IllegalStateException("the accept queue did not fill up");
    }

    private Host deadHost(String name, int sshPort) {
        return new Host(name, "127.0.0.99", sshPort, "postgres", Optional.empty(), Optional.empty(), false,
                ConnectionKind.SSH, primary.host(name).pg(), java.util.Map.of());
    }

    @Test
    @Order(6)
    void readsStandbysTheirUpstreamAndThePrimarysReplication() throws IOException {
        standby = new ThrowawayServer(dir, "standby", 5478);
        standby.baseBackupFrom(primary, "it_standby");
        standby.start();
        second = new ThrowawayServer(dir, "second", 5479);
        second.baseBackupFrom(primary, "it_second");
        second.start();
        waitFor(() -> "2".equals(primary.psql("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")));

        ClusterFacts facts = gatherer(Optional.empty())
                .gather(List.of(primary.host("pg1"), standby.host("pg2"), second.host("pg3")));
        ServerFacts p = facts.node("pg1").orElseThrow().server().orElseThrow();
        assertEquals(2, p.replication().size());
        assertTrue(p.replication().stream().allMatch(r -> r.state().equals("streaming")));
        assertEquals(List.of("it_second", "it_standby"),
                p.replication().stream().map(r -> r.slotName().orElseThrow()).sorted().toList());
        assertTrue(p.slots().stream().anyMatch(sl -> sl.name().equals("it_standby") && sl.active()));

        NodeFacts n2 = facts.node("pg2").orElseThrow();
        assertTrue(n2.isStandby());
        ServerFacts s = n2.server().orElseThrow();
        assertEquals(primarySystemId, s.systemIdentifier());
        assertEquals(1, s.timeline());
        assertTrue(s.receivedLsn().isPresent());
        assertTrue(s.replayedLsn().isPresent());
        assertEquals(Optional.empty(), s.currentLsn());
        UpstreamFacts u = s.upstream().orElseThrow();
        assertEquals(Optional.of("streaming"), u.receiverStatus());
        assertEquals(Optional.of(5477), u.senderPort());
        assertEquals(Optional.of("it_standby"), u.slotName());
        assertTrue(u.primaryConninfo().orElseThrow().contains("port=5477"));
        assertTrue(n2.dataDir().orElseThrow().standbySignal());
        NodeFacts n3 = facts.node("pg3").orElseThrow();
        assertTrue(n3.isStandby());
        assertEquals(primarySystemId, n3.server().orElseThrow().systemIdentifier());
    }

    /**
     * A switchover: the primary stops cleanly, pg2 is promoted (timeline 2), pg3 is pointed at pg2 and follows it
     * onto timeline 2 while its last restartpoint still says timeline 1.
     */
    @Test
    @Order(7)
    void seesTheNewTimelineOnThePromotedNodeAndOnAStandbyThatFollowsIt() {
        primary.stop();
        standby.promote();
        NodeFacts promoted = gatherOne(standby.host("pg2"));
        ServerFacts s = promoted.server().orElseThrow();
        assertFalse(s.inRecovery());
        assertEquals(2, s.timeline());
        assertEquals(primarySystemId, s.systemIdentifier());

        second.psql("ALTER SYSTEM SET primary_conninfo = 'host=" + standby.run + " port=" + standby.port + "'");
        second.psql("ALTER SYSTEM SET primary_slot_name = ''");
        second.psql("SELECT pg_reload_conf()");
        waitFor(() -> "2".equals(second.psql("SELECT received_tli FROM pg_stat_wal_receiver WHERE status = 'streaming'")));
        NodeFacts follower = gatherOne(second.host("pg3"));
        ServerFacts f = follower.server().orElseThrow();
        assertTrue(f.inRecovery());
        assertEquals(2, f.timeline());
        assertEquals(Optional.of(standby.port), f.upstream().orElseThrow().senderPort());
    }

    @Test
    @Order(8)
    void readsAStoppedServersDataDirectory() {
        primary.stopIfRunning();
        NodeFacts n = gatherOne(primary.host("pg1"));
        assertTrue(n.reachable());
        assertFalse(n.running());
        assertEquals(Optional.empty(), n.server());
        assertEquals(Optional.empty(), n.serverError());
        DataDirFacts d = n.dataDir().orElseThrow();
        assertEquals(Optional.of(primarySystemId), d.systemIdentifier());
        assertEquals(Optional.of("shut down"), d.clusterState());
        assertEquals(Optional.of(1), d.timeline());
        assertTrue(n.file(primary.data + "/postgresql.conf").exists());
        String text = new FactsTextRenderer().render(new ClusterFacts(java.util.Map.of("pg1", n)));
        assertTrue(text.contains("stopped"), text);
    }

    private static String readable(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readString(p) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
