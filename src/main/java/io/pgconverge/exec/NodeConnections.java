package io.pgconverge.exec;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.EngineException;
import io.pgconverge.model.Host;
import io.pgconverge.model.RunAs;
import io.pgconverge.transport.PgSession;
import io.pgconverge.transport.PgSessionOpener;
import io.pgconverge.transport.RemoteShell;
import io.pgconverge.transport.ShellOpener;
import io.pgconverge.transport.TransportException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The shells of one apply: opened on first use, one per node, closed together at the end. Tasks of one node may
 * use its shell at the same time: each command runs in a channel of its own.
 */
public final class NodeConnections implements AutoCloseable {
    private final Cluster cluster;
    private final ShellOpener opener;
    private final PgSessionOpener sessions;
    private final Duration connectTimeout;
    private final Map<String, RemoteShell> shells = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, TransportException> unreachable = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

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
        synchronized (lockOf(name)) {
            RemoteShell shell = shells.get(name);
            if (shell == null) {
                if (unreachable.containsKey(name)) {
                    throw unreachable.get(name); // one connect timeout per node and apply, not one per use
                }
                try {
                    shell = opener.open(host(name), connectTimeout);
                } catch (TransportException e) {
                    unreachable.put(name, e);
                    throw e;
                }
                shells.put(name, shell);
            }
            return shell;
        }
    }

    /**
     * Connects to every node at once, at most {@code forks} at a time, and finds how scripts become the server's
     * user there, so that the apply's first steps, which go from node to node (the lock), find them made. A node
     * that cannot be reached, or refuses the escalation, is remembered and reported where its shell is used.
     *
     * @return this
     */
    public NodeConnections connectAll(int forks) {
        List<Host> hosts = cluster.members();
        if (hosts.isEmpty()) {
            return this;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(forks, hosts.size())), r -> {
            Thread t = new Thread(r, "pgconverge-connect");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> connecting = new ArrayList<>();
            for (Host h : hosts) {
                connecting.add(pool.submit(() -> connect(h.name())));
            }
            for (Future<?> f : connecting) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // connect() keeps every failure for the shell's first use
        } finally {
            pool.shutdown();
        }
        return this;
    }

    private void connect(String name) {
        try {
            shell(name).checkRunAs(RunAs.SERVER_USER);
        } catch (RuntimeException e) {
            // remembered by shell() or by the shell's escalations; reported on first use
        }
    }

    /** One node connects at a time per node, never holding up the others. */
    private Object lockOf(String name) {
        return locks.computeIfAbsent(name, n -> new Object());
    }

    /**
     * Opens through this apply's shells; closing a shell it gave leaves the connection open for the tasks (the
     * fact gatherer closes what it opens).
     */
    public ShellOpener borrowed() {
        return (host, timeout) -> new Borrowed(shell(host.name()));
    }

    /** A shell of this apply lent out: everything but close goes to it. */
    private record Borrowed(RemoteShell shell) implements RemoteShell {
        @Override
        public String host() {
            return shell.host();
        }

        @Override
        public io.pgconverge.transport.CommandResult run(String script, Duration timeout) {
            return shell.run(script, timeout);
        }

        @Override
        public io.pgconverge.transport.CommandResult run(String script, Duration timeout,
                                                           java.util.function.Consumer<String> lines) {
            return shell.run(script, timeout, lines);
        }

        @Override
        public io.pgconverge.transport.CommandResult run(io.pgconverge.model.RunAs who, String script,
                                                           Duration timeout, java.util.function.Consumer<String> lines) {
            return shell.run(who, script, timeout, lines);
        }

        @Override
        public void checkRunAs(io.pgconverge.model.RunAs who) {
            shell.checkRunAs(who);
        }

        @Override
        public void close() {
        }
    }

    /** A session with the node's server (each statement is one round trip; nothing to close between uses). */
    public PgSession pg(String name) {
        return sessions.open(host(name), shell(name));
    }

    @Override
    public void close() {
        shells.values().forEach(RemoteShell::close);
        shells.clear();
    }
}
