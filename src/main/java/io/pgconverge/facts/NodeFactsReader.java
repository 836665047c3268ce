package io.pgconverge.facts;

import io.pgconverge.model.EngineException;
import io.pgconverge.model.Host;
import io.pgconverge.model.RunAs;
import io.pgconverge.model.Timings;
import io.pgconverge.transport.CommandResult;
import io.pgconverge.transport.EscalationRefused;
import io.pgconverge.transport.PgSession;
import io.pgconverge.transport.PgSessionOpener;
import io.pgconverge.transport.RemoteShell;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads one node's facts through its open shell: one round trip for the OS-level facts and, at the same time on
 * other channels of the same connection, the SQL facts (queried for the inventory's major version; used when
 * the facts script then finds a server of that version to ask) and the become probe for root. A node whose data
 * directory turns out to be of another major version is asked again with that version's query.
 */
final class NodeFactsReader {
    private static final ExecutorService ALONGSIDE = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pgconverge-facts-alongside");
        t.setDaemon(true);
        return t;
    });
    private final PgSessionOpener sessions;
    private final Duration commandTimeout;

    NodeFactsReader(PgSessionOpener sessions, Duration commandTimeout) {
        this.sessions = sessions;
        this.commandTimeout = commandTimeout;
    }

    NodeFacts read(Host host, RemoteShell shell) {
        return read(host, shell, List.of());
    }

    /** With {@code paths}: further paths the playbook names, reported as files (existence, owner, mode). */
    NodeFacts read(Host host, RemoteShell shell, List<String> paths) {
        int expectedMajor = host.pg().version();
        Future<String> sql = ALONGSIDE.submit(() -> querySql(host, shell, expectedMajor));
        Future<Optional<String>> rootRefusal = ALONGSIDE.submit(() -> rootRefusal(host, shell));
        try {
            return read(host, shell, paths, sql, rootRefusal, expectedMajor);
        } finally {
            settle(sql);
            settle(rootRefusal);
        }
    }

    private NodeFacts read(Host host, RemoteShell shell, List<String> paths, Future<String> sql,
                           Future<Optional<String>> rootRefusal, int expectedMajor) {
        CommandResult r;
        try (Timings.Span span = Timings.span(host.name() + ": facts script (become probe on first use)")) {
            r = shell.run(OsFactsScript.of(host.pg(), paths), commandTimeout);
        }
        if (!r.ok()) {
            return NodeFacts.unreachable(host.name(), host.address(),
                    "the facts script failed (exit status " + r.exitCode() + "): " + firstLine(r.stderr()));
        }
        OsReport os = OsReportParser.parse(r.stdout(), host.pg().dataDir(), host.pg().binDir());
        boolean tryServer = os.running() || (os.dataDir().exists() && !os.dataReadable());
        Optional<ServerFacts> server = Optional.empty();
        Optional<String> serverError = Optional.empty();
        if (tryServer && os.binDir().isPresent()) {
            try {
                int major = os.dataDir().pgVersion().orElse(0);
                String json = major == expectedMajor ? outcome(sql) : querySql(host, shell, major);
                server = Optional.of(ServerFactsParser.parse(json, os));
            } catch (EngineException | IllegalArgumentException e) {
                serverError = Optional.of(e.getMessage());
            }
        } else if (tryServer) {
            serverError = Optional.of("no psql: PostgreSQL binaries not found in " + host.pg().binDir());
        }
        boolean running = os.running() || server.isPresent();
        if (!running) {
            serverError = Optional.empty();
        }
        return new NodeFacts(host.name(), true, Optional.empty(), os.os(), os.binDir(), Optional.of(os.dataDir()),
                os.files(), running, server, serverError, os.lastApplied(), host.address(), os.installedVersion(),
                platform(r.stdout(), outcome(rootRefusal)), LeftoversScript.parse(r.stdout()), os.hotStandby());
    }

    /** The distribution's tools from the facts output, and whether root is reachable where become is on. */
    private static PlatformFacts platform(String output, Optional<String> rootRefusal) {
        PlatformFacts read = PlatformReport.parse(output);
        if (rootRefusal.isEmpty()) {
            return read;
        }
        return new PlatformFacts(Optional.empty(), rootRefusal, read.pgCtlCluster(), read.debianClusters());
    }

    /** Why the shell cannot run scripts as root, when become is on and it cannot. */
    private static Optional<String> rootRefusal(Host host, RemoteShell shell) {
        if (!host.become().enabled()) {
            return Optional.empty();
        }
        try (Timings.Span span = Timings.span(host.name() + ": become probe for root")) {
            shell.checkRunAs(RunAs.ROOT);
            return Optional.empty();
        } catch (EscalationRefused e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The SQL facts as the server returns them, for a server of {@code major} (0: ask the server for it first). */
    private String querySql(Host host, RemoteShell shell, int major) {
        try (PgSession session = sessions.open(host, shell);
             Timings.Span span = Timings.span(host.name() + ": SQL facts")) {
            int m = major > 0 ? major : majorOf(session.queryValue(SqlFactsQuery.VERSION_NUM));
            return session.queryValue(SqlFactsQuery.forMajor(m));
        }
    }

    /** The result of a step run alongside the facts script, its failure rethrown as it was. */
    private static <T> T outcome(Future<T> step) {
        try {
            return step.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new EngineException("facts could not be read: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while reading facts");
        }
    }

    /** Waits for a step whose result is not needed, so that nothing uses the shell after it is closed. */
    private static void settle(Future<?> step) {
        try {
            step.get();
        } catch (ExecutionException e) {
            // its result was not used
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int majorOf(String versionNum) {
        int num = Integer.parseInt(versionNum.strip());
        return num >= 100000 ? num / 10000 : num / 100;
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("no message");
    }
}
