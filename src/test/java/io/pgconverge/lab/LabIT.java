package io.pgconverge.lab;

import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.testing.Commands;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab's own promises: real Debian hosts, each in its own network namespace, reached over ssh as ops with sudo;
 * an idempotent up that repairs just what is broken; a cable that can be pulled; a down that takes apart only
 * what the lab made.
 */
@ExtendWith(LabExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabIT {
    private final ProcFs procs = new ProcFs();

    @Test
    @Order(1)
    void upOnARunningLabChangesNothing(RunningLab lab) {
        LabReport report = lab.lab().up(LabExtension.NODES);
        assertEquals(List.of(), report.changes());
        assertTrue(report.status().nodes().stream().allMatch(n -> n.up() && n.running()), report.toString());
    }

    @Test
    @Order(2)
    void statusShowsEveryNodeWithItsDaemonsAndVersion(RunningLab lab) {
        for (NodeStatus n : lab.lab().status().nodes()) {
            assertTrue(n.up() && n.running(), n.toString());
            assertEquals("sshd", procs.comm(n.sshdPid().getAsLong()));
            assertEquals("postgres", procs.comm(n.pid().getAsLong()));
            assertEquals(n.node().root(), procs.root(n.pid().getAsLong()).orElseThrow());
            assertTrue(n.version().startsWith("15."), n.version());
        }
    }

    @Test
    @Order(3)
    void eachNodeIsAHostReachedAsOpsWithItsOwnNameAndSudo(RunningLab lab) {
        for (LabNode n : lab.nodes()) {
            assertEquals(n.name() + "\nops", ssh(lab, n, "hostname; id -un"));
        }
        assertEquals("ok", ssh(lab, lab.node("node1"), "sudo -n true && echo ok"));
        String refused = ssh(lab, lab.node("node2"), "sudo -n true 2>&1; echo \" exit=$?\"");
        assertTrue(refused.contains("a password is required") && refused.endsWith("exit=1"), refused);
        String withPassword = ssh(lab, lab.node("node2"), "sudo -S -p '' id -un", read(lab.becomePassword()) + "\n");
        assertEquals("root", withPassword);
    }

    @Test
    @Order(4)
    void postgresqlListensOn5432OfTheNodeAddressAndSeesPeersByTheirOwnAddress(RunningLab lab) throws IOException {
        LabNode node1 = lab.node("node1");
        LabNode node2 = lab.node("node2");
        assertEquals("*", psql(lab, node2, "SHOW listen_addresses"));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(node2.address(), 5432), 2000);
        }
        Commands.run(lab.inNode(node2, "postgres", List.of("bash", "-c", "echo 'host all all " + node1.address()
                + "/32 trust' >> " + node2.hbaFile() + " && psql -Xqc 'SELECT pg_reload_conf()'")));
        String seen = Commands.run(lab.inNode(node1, "postgres", List.of("psql", "-XAt", "-h", node2.address(),
                "-d", "postgres", "-c", "SELECT inet_client_addr()"))).strip();
        assertEquals(node1.address(), seen);
    }

    @Test
    @Order(5)
    void aPulledCableCutsANodeOffUntilItIsPluggedBackIn(RunningLab lab) {
        LabNode node2 = lab.node("node2");
        assertTrue(reachable(node2, 22));
        lab.cable(node2, false);
        try {
            assertFalse(reachable(node2, 22), "node2 answered with its cable pulled");
            assertTrue(reachable(lab.node("node3"), 22), "the other nodes stay reachable");
        } finally {
            lab.cable(node2, true);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (!reachable(node2, 22) && System.currentTimeMillis() < deadline) {
            ProcFs.pause(200);
        }
        assertTrue(reachable(node2, 22), "node2 did not come back");
    }

    @Test
    @Order(6)
    void upRestartsJustTheNodeWhosePostmasterWasKilled(RunningLab lab) {
        LabNode victim = lab.node("node2");
        Map<String, Long> before = pids(lab.lab().status());
        long killed = lab.lab().postmasterPid(victim).getAsLong();
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        assertTrue(procs.awaitGone(List.of(killed), 10_000));

        LabReport report = lab.lab().up(LabExtension.NODES);

        assertEquals(List.of(victim.name()), report.changes().stream().map(LabChange::subject).toList());
        assertTrue(report.changes().get(0).what().startsWith("started PostgreSQL"), report.changes().toString());
        Map<String, Long> after = pids(report.status());
        assertNotEquals(before.get(victim.name()), after.get(victim.name()));
        for (String other : List.of("node1", "node3")) {
            assertEquals(before.get(other), after.get(other));
        }
        assertEquals(List.of(), lab.lab().up(LabExtension.NODES).changes());
    }

    @Test
    @Order(7)
    void upRestartsADeadSshdAndNothingElse(RunningLab lab) {
        LabNode node1 = lab.node("node1");
        long sshd = lab.lab().status().nodes().get(0).sshdPid().getAsLong();
        ProcessHandle.of(sshd).orElseThrow().destroyForcibly();
        assertTrue(procs.awaitGone(List.of(sshd), 10_000));

        LabReport report = lab.lab().up(LabExtension.NODES);

        assertEquals(1, report.changes().size(), report.changes().toString());
        assertTrue(report.changes().get(0).what().startsWith("started sshd"), report.changes().toString());
        assertEquals("node1\nops", ssh(lab, node1, "hostname; id -un"));
    }

    @Test
    @Order(8)
    void aNodeWhoseNamespaceVanishedIsTakenApartAndRebuilt(RunningLab lab) {
        LabNode node3 = lab.node("node3");
        long oldSshd = lab.lab().status().nodes().get(2).sshdPid().getAsLong();
        Commands.run(List.of("ip", "netns", "del", node3.namespace()));

        LabReport report = lab.lab().up(LabExtension.NODES);

        assertEquals("took apart what was half built", report.changes().get(0).what(), report.changes().toString());
        assertFalse(procs.live(oldSshd));
        assertTrue(report.status().nodes().get(2).up() && report.status().nodes().get(2).running());
        assertEquals("node3\nops", ssh(lab, node3, "hostname; id -un"));
    }

    @Test
    @Order(9)
    void downTakesApartOnlyWhatTheLabMadeAndKeepsTheData(RunningLab lab) {
        psql(lab, lab.node("node1"), "CREATE TABLE kept AS SELECT 42 AS answer");
        List<Long> started = lab.lab().status().nodes().stream()
                .flatMap(n -> List.of(n.pid().getAsLong(), n.sshdPid().getAsLong()).stream())
                .collect(Collectors.toList());

        LabReport down = lab.lab().down();

        assertTrue(started.stream().noneMatch(procs::live), "a lab process survived lab down");
        for (LabNode n : lab.nodes()) {
            assertEquals(List.of(), procs.withRoot(n.root()), n.name() + " has processes left");
            assertFalse(Mounts.anyBelow(n.dir()), n.name() + " is still mounted");
            assertTrue(Files.isDirectory(n.upperDir().resolve("var/lib/postgresql/15/main")), "data kept");
        }
        assertFalse(Commands.run(List.of("ip", "netns", "list")).contains("pgc" + TestLabs.SUBNET + "-"));
        assertThrows(IllegalStateException.class, () -> Commands.run(List.of("ip", "link", "show",
                lab.layout().bridge())));
        assertEquals(0, down.status().runningNodes());
        assertEquals(List.of(), lab.lab().down().changes());

        LabReport up = lab.lab().up(LabExtension.NODES);
        assertEquals(LabExtension.NODES, up.status().runningNodes());
        assertEquals("42", psql(lab, lab.node("node1"), "SELECT answer FROM kept"));
    }

    private static String ssh(RunningLab lab, LabNode n, String script) {
        return ssh(lab, n, script, "");
    }

    private static String ssh(RunningLab lab, LabNode n, String script, String stdin) {
        return Commands.run(List.of("ssh", "-i", lab.clientKey().toString(), "-o", "UserKnownHostsFile="
                + lab.knownHosts(), "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o",
                "ConnectTimeout=5", "ops@" + n.address(), script), stdin).strip();
    }

    private static String psql(RunningLab lab, LabNode n, String sql) {
        return Commands.run(lab.inNode(n, "postgres", List.of("psql", "-XAtq", "-d", "postgres")), sql).strip();
    }

    private static boolean reachable(LabNode n, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(n.address(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(java.nio.file.Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Long> pids(LabStatus status) {
        return status.nodes().stream().filter(NodeStatus::running)
                .collect(Collectors.toMap(n -> n.node().name(), n -> n.pid().getAsLong()));
    }
}
