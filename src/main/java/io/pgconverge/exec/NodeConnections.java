package io.pgconverge.exec;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.EngineException;
import io.pgconverge.model.Host;
import io.pgconverge.transport.PgSession;
import io.pgconverge.transport.PgSessionOpener;
import io.pgconverge.transport.RemoteShell;
import io.pgconverge.transport.ShellOpener;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shells of one apply: opened on first use, one per node, closed together at the end. Tasks of one node may
 * use its shell at the same time: each command runs in a channel of its own.
 */
public final class NodeConnections implements AutoCloseable {
    private final Cluster cluster;
    private final ShellOpener opener;
    private final PgSessionOpener sessions;
    private final Duration connectTimeout;
    private final Map<String, RemoteShell> shells = new LinkedHashMap<>();

    public NodeConnections(Cluster cluster, ShellOpener opener, PgSessionOpener sessions, Duration connectTimeout) {
        this.cluster = cluster;
        this.opener = opener;
        this.sessions = sessions;
        this.connectTimeout = connectTimeout;
    }

    public Host host(String name) {
        return cluster.host(name).orElseThrow(() -> new EngineException("The cluster has no host " + name + "."));
    }

    public Cluster cluster() {
        return cluster;
    }

    public RemoteShell shell(String name) {
        synchronized (shells) {
            RemoteShell shell = shells.get(name);
            if (shell == null) {
                shell = opener.open(host(name), connectTimeout);
                shells.put(name, shell);
            }
            return shell;
        }
    }

    /** A session with the node's server (each statement is one round trip; nothing to close between uses). */
    public PgSession pg(String name) {
        return sessions.open(host(name), shell(name));
    }

    @Override
    public void close() {
        synchronized (shells) {
            shells.values().forEach(RemoteShell::close);
            shells.clear();
        }
    }
}
