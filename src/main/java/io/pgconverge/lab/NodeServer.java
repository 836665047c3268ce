package io.pgconverge.lab;

import io.pgconverge.model.EngineException;
import io.pgconverge.transport.CommandResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * One lab node's PostgreSQL server: initialised with initdb, its config moved to {@code conf}, started and
 * stopped with pg_ctl as the node user.
 */
final class NodeServer {
    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(90);
    private final PgInstall pg;
    private final CommandRunner runner;
    private final LabFiles files;
    private final NodeProbe probe;
    private final ProcFs procs;

    NodeServer(PgInstall pg, CommandRunner runner, LabFiles files, NodeProbe probe, ProcFs procs) {
        this.pg = pg;
        this.runner = runner;
        this.files = files;
        this.probe = probe;
        this.procs = procs;
    }

    /** Initialises the node when it has no cluster yet; returns what it did. */
    List<LabChange> ensureInitialized(LabNode node) {
        List<LabChange> changes = new ArrayList<>();
        files.nodeUserDir(node.dir(), "rwxr-xr-x");
        if (!Files.exists(node.dataDir().resolve("PG_VERSION"))) {
            requireEmptyOrMissing(node);
            CommandResult r = runner.runAsNodeUser(List.of(pg.program("initdb").toString(),
                    "-D", node.dataDir().toString(), "--auth-local=peer", "--auth-host=scram-sha-256",
                    "--encoding=UTF8", "--locale=C.UTF-8"), PG_CTL_TIMEOUT);
            if (!r.ok()) {
                throw new EngineException(node.name() + ": initdb failed: " + lastLine(r.stderr()));
            }
            changes.add(new LabChange(node.name(), "initialised PostgreSQL " + pg.version() + " in " + node.dataDir()));
        }
        if (!Files.exists(node.configFile())) {
            moveConfigOut(node);
            changes.add(new LabChange(node.name(), "config files in " + node.confDir()));
        }
        files.nodeUserDir(node.runDir(), "rwxr-xr-x");
        return changes;
    }

    private static void requireEmptyOrMissing(LabNode node) {
        if (!Files.isDirectory(node.dataDir())) {
            return;
        }
        try (Stream<Path> entries = Files.list(node.dataDir())) {
            if (entries.findAny().isPresent()) {
                throw new EngineException(node.name() + ": " + node.dataDir() + " is not empty but holds no"
                        + " PostgreSQL cluster (no PG_VERSION); move it away and run lab up again");
            }
        } catch (IOException e) {
            throw new EngineException(node.name() + ": cannot read " + node.dataDir() + ": " + e.getMessage(), e);
        }
    }

    /** Moves pg_hba.conf, pg_ident.conf and postgresql.conf (last, with the layout lines appended) to conf. */
    private void moveConfigOut(LabNode node) {
        files.nodeUserDir(node.confDir(), "rwxr-xr-x");
        try {
            for (String name : List.of("pg_hba.conf", "pg_ident.conf")) {
                Path from = node.dataDir().resolve(name);
                if (Files.exists(from)) {
                    Files.move(from, node.confDir().resolve(name));
                }
            }
            Path conf = node.dataDir().resolve("postgresql.conf");
            String text = Files.readString(conf, StandardCharsets.UTF_8);
            if (!text.contains(NodeConfig.MARKER)) {
                Files.writeString(conf, NodeConfig.appendix(node), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND);
            }
            Files.move(conf, node.configFile());
        } catch (IOException e) {
            throw new EngineException(node.name() + ": cannot move its config files to " + node.confDir() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Starts a stopped node, clearing what a crash left behind; returns the new postmaster's pid. */
    long start(LabNode node) {
        clearCrashLeftovers(node);
        CommandResult r = runner.runAsNodeUser(List.of(pg.program("pg_ctl").toString(),
                "-D", node.dataDir().toString(), "-o", "-c config_file=" + node.configFile(),
                "-l", node.logFile().toString(), "-w", "-t", "60", "start"), PG_CTL_TIMEOUT);
        OptionalLong pid = probe.postmasterPid(node);
        if (!r.ok() || pid.isEmpty()) {
            throw new EngineException(node.name() + ": PostgreSQL did not start (" + lastLine(r.stdout() + r.stderr())
                    + "); see " + node.logFile());
        }
        return pid.getAsLong();
    }

    /**
     * After a crash: waits for (then kills) server processes still working in the data directory, and removes
     * the stale postmaster.pid and socket lock files, which the lab owns.
     */
    private void clearCrashLeftovers(LabNode node) {
        List<Long> orphans = serverProcesses(node);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!orphans.isEmpty() && System.currentTimeMillis() < deadline) {
            sleep(200);
            orphans = serverProcesses(node);
        }
        orphans.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        try {
            Files.deleteIfExists(node.pidFile());
            Files.deleteIfExists(node.runDir().resolve(".s.PGSQL." + node.port() + ".lock"));
            Files.deleteIfExists(node.runDir().resolve(".s.PGSQL." + node.port()));
        } catch (IOException e) {
            throw new EngineException(node.name() + ": cannot remove its stale pid file: " + e.getMessage(), e);
        }
    }

    private List<Long> serverProcesses(LabNode node) {
        List<Long> found = new ArrayList<>(procs.withWorkingDirectory(node.dataDir()));
        found.removeIf(pid -> !procs.comm(pid).equals("postgres"));
        return found;
    }

    /** Stops a running node with pg_ctl's fast mode. */
    void stop(LabNode node) {
        OptionalLong before = probe.postmasterPid(node);
        CommandResult r = runner.runAsNodeUser(List.of(pg.program("pg_ctl").toString(),
                "-D", node.dataDir().toString(), "-m", "fast", "-w", "-t", "60", "stop"), PG_CTL_TIMEOUT);
        if (!r.ok() && probe.postmasterPid(node).isPresent()) {
            throw new EngineException(node.name() + ": PostgreSQL did not stop (" + lastLine(r.stderr()) + ")");
        }
        before.ifPresent(pid -> procs.awaitGone(List.of(pid), 3_000));
    }

    static String lastLine(String text) {
        return text.strip().lines().reduce((a, b) -> b).orElse("no output");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
