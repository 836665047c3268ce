package io.pgconverge.transport;

import io.pgconverge.lab.LabExtension;
import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.lab.LabNode;
import io.pgconverge.model.Host;
import io.pgconverge.model.RunAs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sshj against the lab's real sshd: host key verification, commands as the node user, file writes. */
@ExtendWith(LabExtension.class)
class SshjLabIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void everyNodeRunsCommandsAsItsOsUserOverVerifiedSsh(RunningLab lab) {
        for (LabNode n : lab.nodes()) {
            try (SshjRemoteShell shell = SshjRemoteShell.connect(lab.host(n), TIMEOUT)) {
                CommandResult r = shell.run("id -un\nprintf '%s' \"$SSH_CONNECTION\" | cut -d' ' -f3\n", TIMEOUT);
                assertEquals(0, r.exitCode(), r.stderr());
                assertEquals(List.of(lab.nodeUser(), n.address()), r.stdout().strip().lines().toList());
                assertTrue(shell.acceptedHostKey().isEmpty());
            }
        }
    }

    @Test
    void exitStatusAndStderrComeBack(RunningLab lab) {
        try (SshjRemoteShell shell = SshjRemoteShell.connect(lab.host(lab.nodes().get(0)), TIMEOUT)) {
            CommandResult r = shell.run("echo out; echo err >&2; exit 7\n", TIMEOUT);
            assertEquals(new CommandResult(7, "out\n", "err\n"), r);
        }
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsReported(RunningLab lab) {
        try (SshjRemoteShell shell = SshjRemoteShell.connect(lab.host(lab.nodes().get(0)), TIMEOUT)) {
            TransportException e = assertThrows(TransportException.class,
                    () -> shell.run("sleep 5\n", Duration.ofMillis(500)));
            assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
        }
    }

    @Test
    void writeFileWritesContentAndMode(RunningLab lab) {
        LabNode n = lab.nodes().get(1);
        String path = "/tmp/pgconverge-it-write.txt";
        byte[] content = "line 1\nline 'two' with $dollar\n".getBytes(StandardCharsets.UTF_8);
        try (SshjRemoteShell shell = SshjRemoteShell.connect(lab.host(n), TIMEOUT)) {
            shell.writeFile(path, content, "0640");
            CommandResult r = shell.run("stat -c '%a %U' " + path + "\ncat " + path + "\nrm -f " + path + "\n", TIMEOUT);
            assertEquals("640 " + lab.nodeUser() + "\n" + new String(content, StandardCharsets.UTF_8), r.stdout());
        }
    }

    @Test
    void aWrongHostKeyIsRefused(RunningLab lab, @TempDir Path tmp) throws Exception {
        LabNode n = lab.nodes().get(0);
        Path other = tmp.resolve("other_key");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor());
        String[] otherPub = Files.readString(tmp.resolve("other_key.pub")).split(" ");
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, n.address() + " " + otherPub[0] + " "
                + otherPub[1] + "\n");
        for (boolean acceptNew : List.of(false, true)) {
            Host host = withKnownHosts(lab.host(n), knownHosts, acceptNew);
            TransportException e = assertThrows(TransportException.class, () -> SshjRemoteShell.connect(host, TIMEOUT));
            assertTrue(e.getMessage().startsWith(n.name() + ": the host key of " + knownHostsName(lab.host(n)) + " ("),
                    e.getMessage());
            assertTrue(e.getMessage().contains("does not match the one recorded in " + knownHosts), e.getMessage());
        }
    }

    @Test
    void anUnknownHostIsRefusedUnlessNewKeysAreAccepted(RunningLab lab, @TempDir Path tmp) throws Exception {
        LabNode n = lab.nodes().get(2);
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, "# empty\n");
        Host strict = withKnownHosts(lab.host(n), knownHosts, false);
        TransportException e = assertThrows(TransportException.class, () -> SshjRemoteShell.connect(strict, TIMEOUT));
        assertTrue(e.getMessage().contains("is not in " + knownHosts), e.getMessage());

        Host acceptNew = withKnownHosts(lab.host(n), knownHosts, true);
        try (SshjRemoteShell shell = SshjRemoteShell.connect(acceptNew, TIMEOUT)) {
            assertTrue(shell.acceptedHostKey().isPresent());
        }
        String recorded = Files.readString(knownHosts);
        assertTrue(recorded.contains("\n" + knownHostsName(lab.host(n)) + " ssh-ed25519 "), recorded);
        try (SshjRemoteShell shell = SshjRemoteShell.connect(strict, TIMEOUT)) {
            assertEquals(0, shell.run("true\n", TIMEOUT).exitCode());
        }
    }

    /** How OpenSSH names a host in known_hosts: the bare address on port 22, [address]:port on any other. */
    private static String knownHostsName(Host host) {
        return host.sshPort() == 22 ? host.address() : "[" + host.address() + "]:" + host.sshPort();
    }

    @Test
    void aMissingKnownHostsFileIsNamed(RunningLab lab, @TempDir Path tmp) {
        Path missing = tmp.resolve("nowhere/known_hosts");
        Host host = withKnownHosts(lab.host(lab.nodes().get(0)), missing, false);
        TransportException e = assertThrows(TransportException.class, () -> SshjRemoteShell.connect(host, TIMEOUT));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aClosedPortIsOneClearSentence(RunningLab lab) {
        LabNode n = lab.nodes().get(0);
        Host h = lab.host(n);
        Host closed = new Host(h.name(), h.address(), 2299, h.user(), h.privateKeyFile(), h.knownHostsFile(),
                false, h.connection(), h.pg(), h.vars());
        TransportException e = assertThrows(TransportException.class, () -> SshjRemoteShell.connect(closed, TIMEOUT));
        assertEquals(n.name() + ": cannot connect over SSH to " + n.address() + ":2299: Connection refused",
                e.getMessage());
    }

    @Test
    void aKeyTheNodeDoesNotKnowCannotLogIn(RunningLab lab, @TempDir Path tmp) throws Exception {
        Path stranger = tmp.resolve("stranger");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor());
        Host h = lab.host(lab.nodes().get(0));
        Host wrongKey = new Host(h.name(), h.address(), h.sshPort(), h.user(), Optional.of(stranger.toString()),
                h.knownHostsFile(), false, h.connection(), h.pg(), h.vars());
        TransportException e = assertThrows(TransportException.class, () -> SshjRemoteShell.connect(wrongKey, TIMEOUT));
        assertTrue(e.getMessage().startsWith(h.name() + ": SSH login as " + h.user()), e.getMessage());
        assertNotEquals(-1, e.getMessage().indexOf("failed"));
        assertFalse(e.getMessage().contains("\n"));
    }

    static Host withKnownHosts(Host h, Path knownHosts, boolean acceptNew) {
        return new Host(h.name(), h.address(), h.sshPort(), h.user(), h.privateKeyFile(),
                Optional.of(knownHosts.toString()), acceptNew, h.connection(), h.pg(), h.vars());
    }

    /**
     * The key types users have (Ed25519, RSA and ECDSA, in OpenSSH, PEM and PKCS#8 files) log in, and host keys of
     * each type are verified, with the JDK's cryptography alone: a second sshd on node1, started here with only that
     * host key, ended by its pid afterwards.
     */
    @Test
    void everyCommonUserKeyAndHostKeyTypeWorks(RunningLab lab, @TempDir Path tmp) throws Exception {
        LabNode n = lab.nodes().get(0);
        Host h = lab.host(n);
        List<List<String>> kinds = List.of(List.of("ed25519"), List.of("rsa"), List.of("rsa", "-m", "PEM"),
                List.of("rsa", "-m", "PKCS8"), List.of("ecdsa"), List.of("ecdsa", "-m", "PEM"));
        try (SshjRemoteShell admin = SshjRemoteShell.connect(h, TIMEOUT)) {
            assertEquals(0, admin.run("cp ~/.ssh/authorized_keys ~/.ssh/authorized_keys.it\n", TIMEOUT).exitCode());
            try {
                for (int i = 0; i < kinds.size(); i++) {
                    Path key = tmp.resolve("key" + i);
                    keygen(key, kinds.get(i));
                    String pub = Files.readString(tmp.resolve("key" + i + ".pub")).strip();
                    assertEquals(0, admin.run("echo '" + pub + "' >> ~/.ssh/authorized_keys\n", TIMEOUT).exitCode());
                    Host withKey = new Host(h.name(), h.address(), h.sshPort(), h.user(), Optional.of(key.toString()),
                            h.knownHostsFile(), false, h.connection(), h.pg(), h.vars());
                    try (SshjRemoteShell shell = SshjRemoteShell.connect(withKey, TIMEOUT)) {
                        assertEquals(lab.nodeUser() + "\n", shell.run("id -un\n", TIMEOUT).stdout(), kinds.get(i).toString());
                    }
                }
            } finally {
                admin.run("mv -f ~/.ssh/authorized_keys.it ~/.ssh/authorized_keys\n", TIMEOUT);
            }
            for (String type : List.of("ecdsa", "rsa", "ed25519")) {
                String dir = "/tmp/pgconverge-it-hostkey-" + type;
                CommandResult started = admin.run(RunAs.ROOT, "set -e\nrm -rf " + dir + "; mkdir -m 700 " + dir + "\n"
                        + "ssh-keygen -q -t " + type + " -N '' -f " + dir + "/key\n"
                        + "/usr/sbin/sshd -p 2222 -h " + dir + "/key -o PidFile=" + dir + "/pid\n"
                        + "cat " + dir + "/key.pub\n", TIMEOUT, line -> { });
                assertEquals(0, started.exitCode(), started.stderr());
                try {
                    String[] pub = started.stdout().strip().split(" ");
                    Path knownHosts = tmp.resolve("known_hosts_" + type);
                    Files.writeString(knownHosts, "[" + n.address() + "]:2222 " + pub[0] + " " + pub[1] + "\n");
                    Host other = new Host(h.name(), h.address(), 2222, h.user(), h.privateKeyFile(),
                            Optional.of(knownHosts.toString()), false, h.connection(), h.pg(), h.vars());
                    try (SshjRemoteShell shell = SshjRemoteShell.connect(other, TIMEOUT)) {
                        assertEquals(lab.nodeUser() + "\n", shell.run("id -un\n", TIMEOUT).stdout(), type);
                    }
                } finally {
                    admin.run(RunAs.ROOT, "kill $(cat " + dir + "/pid) 2>/dev/null; rm -rf " + dir + "\n", TIMEOUT,
                            line -> { });
                }
            }
        }
    }

    private static void keygen(Path file, List<String> kind) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-N", "", "-f", file.toString(),
                "-t"));
        command.addAll(kind);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
