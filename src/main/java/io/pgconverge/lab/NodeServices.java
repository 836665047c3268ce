package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A node's daemons: its sshd (on 0.0.0.0:22 of the node's namespace) and its PostgreSQL cluster {@code <ver>/main},
 * started and stopped with {@code pg_ctlcluster} inside the node, as on a Debian host without systemd. Each is
 * known by its pid file inside the node and recognised only when that pid runs inside the node's root.
 */
final class NodeServices {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private final CommandRunner runner;
    private final ProcFs procs;

    NodeServices(CommandRunner runner, ProcFs procs) {
        this.runner = runner;
        this.procs = procs;
    }

    OptionalLong sshdPid(LabNode node) {
        return procs.pidFileProcess(node.onHost(node.sshdPidFile()), node.root(), "sshd");
    }

    OptionalLong postmasterPid(LabNode node) {
        return procs.pidFileProcess(node.onHost(node.pidFile()), node.root(), "postgres");
    }

    long startSshd(LabNode node) {
        runner.require(NodeCommands.inNode(node, List.of("/usr/sbin/sshd", "-E", "/var/log/sshd.log")), "",
                START_TIMEOUT, node.name() + ": start sshd");
        return await(() -> sshdPid(node), node.name() + ": sshd did not write its pid file; see "
                + node.onHost(Path.of("/var/log/sshd.log")));
    }

    long startPostgres(LabNode node) {
        awaitNoPostgresLeft(node);
        String v = Integer.toString(node.pgVersion());
        runner.require(NodeCommands.inNode(node, List.of("pg_ctlcluster", v, "main", "start")), "", START_TIMEOUT,
                node.name() + ": pg_ctlcluster " + v + " main start");
        return await(() -> postmasterPid(node), node.name() + ": PostgreSQL did not start; see "
                + node.onHost(node.logFile()));
    }

    /**
     * After a crash the postmaster's processes linger a moment, and its lock files (the pid file, the socket's lock)
     * name it while it waits, a zombie, to be reaped, which the server would take for a running postmaster: wait
     * for the processes, then remove lock files whose process is not alive, as pg_ctlcluster does with a pid file.
     */
    private void awaitNoPostgresLeft(LabNode node) {
        procs.awaitNoneLeft(node.root(), "postgres", 15_000);
        Path socketLock = Path.of("/run/postgresql/.s.PGSQL." + node.port() + ".lock");
        for (Path lock : List.of(node.onHost(node.pidFile()), node.onHost(socketLock))) {
            if (procs.stale(lock)) {
                try {
                    Files.deleteIfExists(lock);
                } catch (IOException e) {
                    throw new EngineException(node.name() + ": cannot remove the stale " + lock + ": "
                            + e.getMessage(), e);
                }
            }
        }
    }

    void stopPostgres(LabNode node) {
        runner.run(NodeCommands.inNode(node, List.of("pg_ctlcluster", "--mode", "fast",
                Integer.toString(node.pgVersion()), "main", "stop")), "", START_TIMEOUT);
    }

    /** Ends every process inside the node's root: politely, then with SIGKILL. Returns how many there were. */
    int endAll(LabNode node) {
        List<Long> pids = procs.withRoot(node.root());
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        if (!procs.awaitGone(pids, 5_000)) {
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            if (!procs.awaitGone(pids, 5_000)) {
                throw new EngineException(node.name() + ": processes " + pids + " did not end");
            }
        }
        return pids.size();
    }

    private static long await(java.util.function.Supplier<OptionalLong> pid, String failure) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            OptionalLong found = pid.get();
            if (found.isPresent()) {
                return found.getAsLong();
            }
            ProcFs.pause(50);
        }
        throw new EngineException(failure);
    }
}
