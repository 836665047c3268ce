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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private static LockHolder holder(String id, String host, long pid) {
        return new LockHolder(id, "carol", host, pid, Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
                Instant.parse("2026-01-01T00:00:01Z"));
    }

    private static ApplyLock acquire(List<Host> hosts, LockHolder me, Optional<String> force, List<String> notices) {
        return ApplyLock.acquire(hosts, ApplyLockTest::shell, me, force, notices::add);
    }

    /** A pid that ran on this host and has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private static void plant(Path configDir, LockHolder h) throws Exception {
        Files.createDirectories(configDir.resolve("pgconverge.lock"));
        Files.writeString(configDir.resolve("pgconverge.lock/holder"), h.text());
    }

    @Test
    void aLockThatCannotBeMadeIsAnErrorNamingItNotAHolder(@TempDir Path tmp) {
        List<Host> hosts = List.of(host("node3", tmp.resolve("missing")));
        EngineException failed = assertThrows(EngineException.class,
                () -> acquire(hosts, LockHolder.current(), Optional.empty(), new ArrayList<>()));
        assertTrue(failed.getMessage().startsWith("node3: cannot take the apply lock " + tmp.resolve(
                "missing/pgconverge.lock")), failed.getMessage());
        assertFalse(failed.getMessage().contains("another apply"), failed.getMessage());
    }

    @Test
    void aSecondApplyFailsFastNamingTheHolderAndGetsTheLockOnceItIsFree(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("n1"));
        Files.createDirectories(tmp.resolve("n2"));
        List<Host> hosts = List.of(host("node1", tmp.resolve("n1")), host("node2", tmp.resolve("n2")));
        List<String> notices = new ArrayList<>();
        LockHolder alice = LockHolder.current();
        try (ApplyLock first = acquire(hosts, alice, Optional.empty(), notices)) {
            EngineException refused = assertThrows(EngineException.class,
                    () -> acquire(hosts, LockHolder.current(), Optional.empty(), notices));
            assertTrue(refused.getMessage().contains("apply " + alice.id() + " of "), refused.getMessage());
            assertTrue(refused.getMessage().contains("pid " + alice.pid()), refused.getMessage());
            assertTrue(refused.getMessage().contains("node1"), refused.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("n1/pgconverge.lock")), "released");
        LockHolder bob = LockHolder.current();
        try (ApplyLock again = acquire(hosts, bob, Optional.empty(), notices)) {
            assertEquals(Optional.of(bob), LockHolder.parse(Files.readString(tmp.resolve("n2/pgconverge.lock/holder"))));
        }
        assertTrue(notices.isEmpty(), notices.toString());
    }

    @Test
    void aLockWhoseProcessOnThisHostIsGoneIsTakenOverAndSaidSo(@TempDir Path tmp) throws Exception {
        Path n1 = Files.createDirectories(tmp.resolve("n1"));
        LockHolder dead = holder("deadbeef", LockHolder.thisHost(), deadPid());
        plant(n1, dead);
        assertTrue(dead.provablyGone());
        List<String> notices = new ArrayList<>();
        LockHolder me = LockHolder.current();
        try (ApplyLock lock = acquire(List.of(host("node1", n1)), me, Optional.empty(), notices)) {
            assertEquals(Optional.of(me), LockHolder.parse(Files.readString(n1.resolve("pgconverge.lock/holder"))));
        }
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("took over the apply lock from apply deadbeef"), notices.get(0));
        assertFalse(Files.exists(n1.resolve("pgconverge.lock")));
        assertFalse(Files.exists(n1.resolve("pgconverge.lock.gone-deadbeef")));
    }

    @Test
    void aLockFromAnotherHostIsRefusedUnlessItsIdIsForced(@TempDir Path tmp) throws Exception {
        Path n1 = Files.createDirectories(tmp.resolve("n1"));
        LockHolder elsewhere = holder("cafe0001", "other-controller", deadPid());
        plant(n1, elsewhere);
        assertFalse(elsewhere.provablyGone(), "nothing can be proven about another host's process");
        List<Host> hosts = List.of(host("node1", n1));
        List<String> notices = new ArrayList<>();
        EngineException refused = assertThrows(EngineException.class,
                () -> acquire(hosts, LockHolder.current(), Optional.of("cafe0002"), notices));
        assertTrue(refused.getMessage().contains("on other-controller") && refused.getMessage()
                .contains("--force-unlock cafe0001") && refused.getMessage().contains("pgconverge unlock"),
                refused.getMessage());
        try (ApplyLock lock = acquire(hosts, LockHolder.current(), Optional.of("cafe0001"), notices)) {
            assertTrue(notices.get(0).contains("removed with --force-unlock"), notices.toString());
        }
    }

    @Test
    void aLiveHolderOnThisHostIsNotTakenOver(@TempDir Path tmp) throws Exception {
        Path n1 = Files.createDirectories(tmp.resolve("n1"));
        LockHolder self = LockHolder.current();
        plant(n1, self);
        assertFalse(self.provablyGone());
        assertThrows(EngineException.class, () -> acquire(List.of(host("node1", n1)), LockHolder.current(),
                Optional.empty(), new ArrayList<>()));
        assertTrue(Files.exists(n1.resolve("pgconverge.lock/holder")));
    }

    @Test
    void aFailedAcquisitionReleasesWhatItTookAndAnUnreachableNodeIsSkipped(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("n1"));
        plant(tmp.resolve("n2"), holder("c0ffee00", "other-controller", 7));
        List<Host> hosts = List.of(host("node1", tmp.resolve("n1")), host("node2", tmp.resolve("n2")));
        assertThrows(EngineException.class, () -> acquire(hosts, LockHolder.current(), Optional.empty(),
                new ArrayList<>()));
        assertFalse(Files.exists(tmp.resolve("n1/pgconverge.lock")), "node1's lock was given back");

        Host dead = host("node3", tmp.resolve("n3"));
        try (ApplyLock lock = ApplyLock.acquire(List.of(hosts.get(0), dead), h -> {
            if (h == dead) {
                throw new TransportException("node3: cannot connect");
            }
            return shell(h);
        }, LockHolder.current(), Optional.empty(), s -> { })) {
            assertTrue(Files.exists(tmp.resolve("n1/pgconverge.lock/holder")));
        }
    }

    @Test
    void theLockIsNeverInsideTheDataDirectory(@TempDir Path tmp) {
        PgLayout inside = new PgLayout(15, 5432, tmp.resolve("main").toString(), "/usr/bin", tmp.resolve("main")
                .toString(), ServiceManager.PG_CTL, tmp.toString());
        String lock = io.pgconverge.model.NodePaths.of(inside).applyLock();
        assertEquals(tmp.resolve("pgconverge.lock").toString(), lock);
    }
}
