package io.pgconverge.facts;

import io.pgconverge.model.EngineException;
import io.pgconverge.model.Host;
import io.pgconverge.model.RunAs;
import io.pgconverge.transport.CommandResult;
import io.pgconverge.transport.EscalationRefused;
import io.pgconverge.transport.PgSession;
import io.pgconverge.transport.PgSessionOpener;
import io.pgconverge.transport.RemoteShell;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads one node's facts through its open shell: one round trip for the OS-level facts, then, when a server
 * runs, one database session for the SQL facts.
 */
final class NodeFactsReader {
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
        CommandResult r = shell.run(OsFactsScript.of(host.pg(), paths), commandTimeout);
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
                server = Optional.of(readServer(host, shell, os));
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
                platform(host, shell, r.stdout()), LeftoversScript.parse(r.stdout()), os.hotStandby());
    }

    /** The distribution's tools from the facts output, and whether root is reachable where become is on. */
    private static PlatformFacts platform(Host host, RemoteShell shell, String output) {
        PlatformFacts read = PlatformReport.parse(output);
        if (!host.become().enabled()) {
            return read;
        }
        try {
            shell.checkRunAs(RunAs.ROOT);
            return read;
        } catch (EscalationRefused e) {
            return new PlatformFacts(Optional.empty(), Optional.of(e.getMessage()), read.pgCtlCluster(),
                    read.debianClusters());
        }
    }

    private ServerFacts readServer(Host host, RemoteShell shell, OsReport os) {
        try (PgSession session = sessions.open(host, shell)) {
            int major = os.dataDir().pgVersion().orElseGet(() -> majorOf(session.queryValue(SqlFactsQuery.VERSION_NUM)));
            return ServerFactsParser.parse(session.queryValue(SqlFactsQuery.forMajor(major)), os);
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
