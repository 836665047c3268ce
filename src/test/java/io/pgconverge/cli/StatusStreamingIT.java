package io.pgconverge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgconverge.facts.ThrowawayServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code pgconverge status} on a real streaming pair of this test's own (PostgreSQL 15 on 127.0.0.77, ports 5487
 * and 5488, reached through a local shell as the postgres OS user): healthy, lagging, standby stopped with its
 * slot retaining WAL, then both out of recovery.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusStreamingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("PGC_REPL_PASSWORD", "repl-streaming-it-Secret");
    private Path dir;
    private ThrowawayServer primary;
    private ThrowawayServer standby;
    private Path playbook;
    private Path inventory;

    @BeforeAll
    void startPair() throws IOException {
        assumeTrue(ThrowawayServer.available(), "needs root and PostgreSQL 15 in " + ThrowawayServer.BIN);
        dir = Files.createTempDirectory("pgconverge-status-it");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        primary = new ThrowawayServer(dir, "primary", 5487);
        primary.init();
        primary.start();
        primary.psql("CREATE TABLE probe (n int)");
        standby = new ThrowawayServer(dir, "standby", 5488);
        standby.baseBackupFrom(primary, "standby_slot");
        standby.start();
        waitFor(() -> "1".equals(primary.psql("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")));
        playbook = write("playbook.yml", """
                hosts: pg_it
                primary: it1
                postgres:
                  version: 15
                hba:
                  - { type: local, database: all, user: postgres, method: peer }
                  - { type: host, database: replication, user: repl, address: 127.0.0.77/32, method: scram-sha-256 }
                roles:
                  - { name: repl, login: true, replication: true, password: { env: PGC_REPL_PASSWORD } }
                replication:
                  user: repl
                  slots: true
                """);
        inventory = write("inventory.yml", """
                all:
                  children:
                    pg_it:
                      hosts:
                        it1: { ansible_host: 127.0.0.77, pg_port: 5487, pg_data: %s, pg_config_dir: %s }
                        it2: { ansible_host: 127.0.0.77, pg_port: 5488, pg_data: %s, pg_config_dir: %s }
                      vars:
                        ansible_connection: local
                        ansible_user: postgres
                        pg_version: 15
                        pg_bindir: %s
                        pg_service: pg_ctl
                        pg_socket_dir: %s
                """.formatted(primary.data, primary.data, standby.data, standby.data, ThrowawayServer.BIN, primary.run));
    }

    @AfterAll
    void removePair() throws IOException {
        for (ThrowawayServer s : java.util.Arrays.asList(standby, primary)) {
            if (s != null) {
                s.stopIfRunning();
            }
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private CliRun status(String... more) {
        List<String> args = new ArrayList<>(List.of("status", playbook.toString(), "-i", inventory.toString()));
        args.addAll(List.of(more));
        return CliRun.of(ENV, args.toArray(String[]::new));
    }

    private JsonNode statusJson() throws IOException {
        CliRun run = status("--json");
        assertEquals(0, run.code(), run.toString());
        assertFalse(run.out().contains(ENV.get("PGC_REPL_PASSWORD")));
        return JSON.readTree(run.out());
    }

    private static List<String> kinds(JsonNode doc) {
        List<String> kinds = new ArrayList<>();
        doc.path("warnings").forEach(w -> kinds.add(w.path("kind").asText()));
        return kinds;
    }

    @Test
    @Order(1)
    void aStreamingPairIsHealthy() throws IOException {
        waitFor(() -> primary.psql("SELECT pg_current_wal_lsn() = replay_lsn FROM pg_stat_replication").equals("t"));
        CliRun text = status();
        assertEquals(0, text.code(), text.toString());
        assertTrue(text.out().endsWith("No warnings: it1 is the primary, 1 standby streams from it.\n"), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("it2 +127\\.0\\.0\\.77 +standby +1 +\\S+ +\\d+ +[0-9.]+"
                + " +standby_slot \\(active\\) +it1 +never")), text.out());

        JsonNode doc = statusJson();
        JsonNode it1 = doc.path("nodes").get(0);
        assertEquals("primary", it1.path("role").asText());
        JsonNode it2 = doc.path("nodes").get(1);
        assertEquals("standby", it2.path("role").asText());
        assertEquals(it1.path("system_identifier"), it2.path("system_identifier"));
        assertEquals("it1", it2.path("upstream").path("node").asText());
        assertEquals(primary.run.toString(), it2.path("upstream").path("host").asText(), "the socket directory");
        assertEquals("streaming", it2.path("upstream").path("receiver_status").asText());
        assertEquals("standby_slot", it2.path("slot").path("name").asText());
        assertEquals("active", it2.path("slot").path("state").asText());
        assertTrue(it2.path("lag_bytes").asLong() >= 0 && it2.path("lag_bytes").asLong() < 1_000_000,
                it2.toPrettyString());
        assertTrue(it2.path("lag_seconds").isNumber(), it2.toPrettyString());
    }

    @Test
    @Order(2)
    void aStandbyWhoseReplayIsPausedLags() throws IOException {
        primary.psql("INSERT INTO probe SELECT generate_series(1, 1000)");
        waitFor(() -> primary.psql("SELECT pg_current_wal_lsn() = replay_lsn FROM pg_stat_replication").equals("t"));
        standby.psql("SELECT pg_wal_replay_pause()");
        try {
            primary.psql("INSERT INTO probe SELECT generate_series(1, 100000)");
            waitFor(() -> primary.psql("SELECT pg_current_wal_lsn() = flush_lsn FROM pg_stat_replication").equals("t"));
            long expected = Long.parseLong(primary.psql("SELECT pg_current_wal_lsn() - replay_lsn FROM pg_stat_replication"));
            JsonNode it2 = statusJson().path("nodes").get(1);
            long lag = it2.path("lag_bytes").asLong();
            assertTrue(lag >= expected && lag > 1_000_000, "lag " + lag + ", psql said " + expected);
            assertTrue(it2.path("lag_seconds").asDouble() >= 0, it2.toPrettyString());
        } finally {
            standby.psql("SELECT pg_wal_replay_resume()");
        }
    }

    @Test
    @Order(3)
    void aStoppedStandbysSlotRetainsWal() throws IOException {
        standby.stop();
        primary.psql("INSERT INTO probe SELECT generate_series(1, 10000)");
        JsonNode doc = statusJson();
        JsonNode it2 = doc.path("nodes").get(1);
        assertEquals("stopped", it2.path("role").asText());
        assertEquals("inactive", it2.path("slot").path("state").asText());
        long retained = it2.path("slot").path("retained_bytes").asLong();
        long expected = Long.parseLong(primary.psql(
                "SELECT pg_current_wal_lsn() - restart_lsn FROM pg_replication_slots WHERE slot_name = 'standby_slot'"));
        assertTrue(retained > 0 && retained <= expected, retained + " vs " + expected);
        assertEquals("it1", it2.path("upstream").path("node").asText(), "from postgresql.auto.conf");
        assertEquals(List.of("stopped", "inactive_slot"), kinds(doc));
        String message = doc.path("warnings").get(1).path("message").asText();
        assertTrue(message.startsWith("it1: slot standby_slot (it2's) is inactive and retains " + retained + " bytes"),
                message);
        standby.start();
        waitFor(() -> "1".equals(primary.psql("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")));
    }

    @Test
    @Order(4)
    void aPromotedStandbyIsASplitBrain() throws IOException {
        standby.promote();
        CliRun text = status();
        assertEquals(0, text.code(), "warnings do not fail the command\n" + text);
        assertTrue(text.out().contains("  - split brain: it1 and it2 are all out of recovery and accept writes; the"
                + " playbook's primary is it1.\n"), text.out());
        JsonNode doc = statusJson();
        assertEquals("split_brain", doc.path("warnings").get(0).path("kind").asText());
        assertEquals(List.of("it1", "it2"), List.of(doc.path("warnings").get(0).path("nodes").get(0).asText(),
                doc.path("warnings").get(0).path("nodes").get(1).asText()));
        assertEquals("primary", doc.path("nodes").get(1).path("role").asText());
        assertEquals(2, doc.path("nodes").get(1).path("timeline").asInt());
        assertTrue(kinds(doc).contains("inactive_slot"), "its slot on it1 is abandoned: " + kinds(doc));
    }

    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not reached within 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
