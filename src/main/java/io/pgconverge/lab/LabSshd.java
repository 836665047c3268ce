package io.pgconverge.lab;

import io.pgconverge.model.EngineException;
import io.pgconverge.transport.CommandResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lab's own sshd (Debian's openssh-server started by absolute path with the lab's config and host key),
 * listening on port 2222 of every node address, plus the client key and known_hosts file that reach it.
 * It needs root: PAM and privilege separation do.
 */
final class LabSshd {
    static final String NOT_ROOT = "the lab sshd needs root (PAM and privilege separation), so it is not started;"
            + " the nodes are reachable only locally (the lab inventory uses ansible_connection: local)";
    private final LabLayout layout;
    private final LabUser user;
    private final CommandRunner runner;
    private final LabFiles files;
    private final ProcFs procs;
    private final PortProbe ports;

    LabSshd(LabLayout layout, LabUser user, CommandRunner runner, LabFiles files, ProcFs procs, PortProbe ports) {
        this.layout = layout;
        this.user = user;
        this.runner = runner;
        this.files = files;
        this.procs = procs;
        this.ports = ports;
    }

    SshdStatus status() {
        if (!user.root()) {
            return new SshdStatus(false, OptionalLong.empty(), LabLayout.SSH_PORT, Optional.of(NOT_ROOT));
        }
        OptionalLong pid = pid();
        return pid.isPresent() ? new SshdStatus(true, pid, LabLayout.SSH_PORT, Optional.empty())
                : SshdStatus.stopped(LabLayout.SSH_PORT);
    }

    /** The pid in the lab's sshd pid file, if it is a live sshd started with the lab's config. */
    private OptionalLong pid() {
        long pid = readPid(layout.sshdPidFile());
        if (!procs.live(pid)) {
            return OptionalLong.empty();
        }
        boolean sshd = procs.exe(pid).map(p -> p.toString().equals(SshdConfig.SSHD)).orElse(false);
        boolean ours = procs.commandLine(pid).contains(layout.sshdConfig().toString());
        return sshd && ours ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    /** Node addresses whose port 2222 is held by something other than the lab sshd. */
    List<String> conflicts(List<LabNode> nodes) {
        List<String> found = new ArrayList<>();
        if (!user.root()) {
            return found;
        }
        List<String> served = status().running() ? listenAddresses() : List.of();
        for (LabNode n : nodes) {
            if (!served.contains(n.address()) && ports.inUse(n.address(), LabLayout.SSH_PORT)) {
                found.add(n.address() + ":" + LabLayout.SSH_PORT + " is already in use by "
                        + ports.holder(n.address(), LabLayout.SSH_PORT));
            }
        }
        return found;
    }

    private List<String> listenAddresses() {
        try {
            return Files.readAllLines(layout.sshdConfig(), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("ListenAddress "))
                    .map(l -> l.substring("ListenAddress ".length()).strip()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Makes sure keys and files exist and sshd runs, listening on every node's address; returns what it did. */
    List<LabChange> ensureRunning(List<LabNode> nodes) {
        requirePrograms();
        List<LabChange> changes = new ArrayList<>();
        files.invokerDir(layout.sshdDir(), "rwxr-xr-x");
        files.invokerDir(layout.clientKey().getParent(), "rwx------");
        if (generateKey(layout.hostKey(), "pgconverge-lab-host")) {
            changes.add(new LabChange("sshd", "generated host key " + layout.hostKey()));
        }
        if (generateKey(layout.clientKey(), "pgconverge-lab")) {
            changes.add(new LabChange("sshd", "generated client key " + layout.clientKey()));
        }
        files.writeIfChanged(layout.authorizedKeys(),
                SshdConfig.authorizedKeys(read(pub(layout.clientKey()))), "rw-r--r--");
        if (files.writeIfChanged(layout.knownHosts(),
                SshdConfig.knownHosts(nodes, read(pub(layout.hostKey()))), "rw-r--r--")) {
            changes.add(new LabChange("sshd", "wrote " + layout.knownHosts()));
        }
        boolean configChanged = files.writeIfChanged(layout.sshdConfig(),
                SshdConfig.sshdConfig(layout, nodes, user.nodeUser()), "rw-r--r--");
        OptionalLong pid = pid();
        if (pid.isPresent() && configChanged) {
            checkConfig();
            runner.run(List.of("bash", "-c", "kill -HUP \"$1\"", "kill", Long.toString(pid.getAsLong())));
            awaitListening(nodes);
            changes.add(new LabChange("sshd", "reloaded its config (pid " + pid.getAsLong() + ")"));
        } else if (pid.isEmpty()) {
            changes.add(new LabChange("sshd", "started on port " + LabLayout.SSH_PORT + " (pid " + start(nodes) + ")"));
        }
        return changes;
    }

    private long start(List<LabNode> nodes) {
        try {
            Files.deleteIfExists(layout.sshdPidFile());
            Path privsep = Path.of("/run/sshd");
            if (!Files.isDirectory(privsep)) {
                Files.createDirectories(privsep);
                Files.setPosixFilePermissions(privsep, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new EngineException("sshd: cannot prepare /run/sshd or its pid file: " + e.getMessage(), e);
        }
        checkConfig();
        CommandResult r = runner.run(List.of(SshdConfig.SSHD, "-f", layout.sshdConfig().toString(),
                "-E", layout.sshdLog().toString()));
        if (!r.ok()) {
            throw new EngineException("sshd did not start: " + NodeServer.lastLine(r.stderr()) + "; see "
                    + layout.sshdLog());
        }
        awaitListening(nodes);
        return awaitPid().orElseThrow(() -> new EngineException("sshd did not stay up; see " + layout.sshdLog()));
    }

    private void checkConfig() {
        CommandResult t = runner.run(List.of(SshdConfig.SSHD, "-t", "-f", layout.sshdConfig().toString()));
        if (!t.ok()) {
            throw new EngineException("sshd refuses the lab's config " + layout.sshdConfig() + ": "
                    + NodeServer.lastLine(t.stderr()));
        }
    }

    /** The daemon writes its pid file only after it listens: wait for it a moment. */
    private OptionalLong awaitPid() {
        long deadline = System.currentTimeMillis() + 5_000;
        OptionalLong pid = pid();
        while (pid.isEmpty() && System.currentTimeMillis() < deadline) {
            sleep(100);
            pid = pid();
        }
        return pid;
    }

    private void awaitListening(List<LabNode> nodes) {
        long deadline = System.currentTimeMillis() + 10_000;
        for (LabNode n : nodes) {
            while (!ports.inUse(n.address(), LabLayout.SSH_PORT)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new EngineException("sshd does not listen on " + n.address() + ":" + LabLayout.SSH_PORT
                            + "; see " + layout.sshdLog());
                }
                sleep(100);
            }
        }
    }

    /** Stops the lab sshd and the login sessions it started; returns what it did. */
    Optional<LabChange> stop() {
        OptionalLong pid = pid();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        List<Long> targets = new ArrayList<>(procs.children(pid.getAsLong()));
        targets.add(0, pid.getAsLong());
        targets.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroy));
        long deadline = System.currentTimeMillis() + 10_000;
        while (targets.stream().anyMatch(procs::live) && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
        targets.stream().filter(procs::live).forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
        procs.awaitGone(targets, 3_000);
        return Optional.of(new LabChange("sshd", "stopped (pid " + pid.getAsLong() + ")"));
    }

    private boolean generateKey(Path key, String comment) {
        if (Files.exists(key) && Files.exists(pub(key))) {
            return false;
        }
        try {
            Files.deleteIfExists(key);
            Files.deleteIfExists(pub(key));
        } catch (IOException e) {
            throw new EngineException("cannot replace the incomplete key " + key + ": " + e.getMessage(), e);
        }
        CommandResult r = runner.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment,
                "-f", key.toString()));
        if (!r.ok()) {
            throw new EngineException("ssh-keygen could not create " + key + ": " + NodeServer.lastLine(r.stderr()));
        }
        return true;
    }

    /** Fails, saying what to install, when sshd or ssh-keygen is missing. */
    void requirePrograms() {
        requireProgram(SshdConfig.SSHD, "openssh-server");
        requireProgram("ssh-keygen", "openssh-client");
    }

    private void requireProgram(String program, String debianPackage) {
        if (!runner.available(program)) {
            throw new EngineException(program + " is not installed; the lab needs it (apt-get install "
                    + debianPackage + ")");
        }
    }

    private static Path pub(Path key) {
        return key.resolveSibling(key.getFileName() + ".pub");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static long readPid(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
