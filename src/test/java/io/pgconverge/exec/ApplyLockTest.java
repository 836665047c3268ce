package io.pgconverge.exec;

import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.EngineException;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.ServiceManager;
import io.pgconverge.transport.LocalRemoteShell;
import io.pgconverge.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The apply lock on real directories through a real local shell. */
class ApplyLockTest {
    private static Host host(String name, Path configDir) {
        PgLayout pg = new PgLayout(15, 5432, configDir.resolve("data").toString(), "/usr/lib/postgresql/15/bin",
                configDir.toString(), ServiceManager.PG_CTL, configDir.toString());
        return new Host(name, "127.0.0.1", 22, System.getProperty("user.name"), Optional.empty(), Optional.empty(),
                false, ConnectionKind.LOCAL, pg, Map.of());
    }

    private static LocalRemoteShell shell(Host h) {
        return new LocalRemoteShell(h.name(), h.user());
    }

    @Test
    void aSecondApplyFailsFastNamingTheHolderAndGetsTheLockOnceItIsFree(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("n1"));
        Files.createDirectories(tmp.resolve("n2"));
        List<Host> hosts = List.of(host("node1", tmp.resolve("n1")), host("node2", tmp.resolve("n2")));
        try (ApplyLock first = ApplyLock.acquire(hosts, ApplyLockTest::shell, "alice (pid 42)")) {
            EngineException refused = assertThrows(EngineException.class,
                    () -> ApplyLock.acquire(hosts, ApplyLockTest::shell, "bob (pid 43)"));
            assertTrue(refused.getMessage().contains("alice (pid 42)"), refused.getMessage());
            assertTrue(refused.getMessage().contains("node1"), refused.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("n1/pgconverge.lock")), "released");
        try (ApplyLock again = ApplyLock.acquire(hosts, ApplyLockTest::shell, "bob (pid 43)")) {
            assertTrue(Files.readString(tmp.resolve("n2/pgconverge.lock/holder")).startsWith("bob (pid 43)"));
        }
    }

    @Test
    void aFailedAcquisitionReleasesWhatItTookAndAnUnreachableNodeIsSkipped(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("n1"));
        Files.createDirectories(tmp.resolve("n2/pgconverge.lock"));
        Files.writeString(tmp.resolve("n2/pgconverge.lock/holder"), "carol (pid 7)\n");
        List<Host> hosts = List.of(host("node1", tmp.resolve("n1")), host("node2", tmp.resolve("n2")));
        assertThrows(EngineException.class, () -> ApplyLock.acquire(hosts, ApplyLockTest::shell, "dave"));
        assertFalse(Files.exists(tmp.resolve("n1/pgconverge.lock")), "node1's lock was given back");

        Host dead = host("node3", tmp.resolve("n3"));
        try (ApplyLock lock = ApplyLock.acquire(List.of(hosts.get(0), dead), h -> {
            if (h == dead) {
                throw new TransportException("node3: cannot connect");
            }
            return shell(h);
        }, "erin")) {
            assertTrue(Files.exists(tmp.resolve("n1/pgconverge.lock/holder")));
        }
    }
}
