package io.pgconverge.facts;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.EngineException;
import io.pgconverge.model.Host;
import io.pgconverge.model.Timings;
import io.pgconverge.transport.EscalationRefused;
import io.pgconverge.transport.PgSessionOpener;
import io.pgconverge.transport.RemoteShell;
import io.pgconverge.transport.ShellOpener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gathers the facts of every node of a cluster, at most {@code forks} nodes at a time. Opening a node's shell
 * is bounded by the connect timeout, so a dead node costs at most that long and never holds up the others; it
 * shows as unreachable with the reason. Never throws for one node's failure.
 */
public final class FactGatherer {
    private static final long GRACE_MILLIS = 500;
    private final ShellOpener shells;
    private final NodeFactsReader reader;
    private final GatherOptions options;

    public FactGatherer(ShellOpener shells, PgSessionOpener sessions, GatherOptions options) {
        this.shells = shells;
        this.reader = new NodeFactsReader(sessions, options.commandTimeout());
        this.options = options;
    }

    /** The facts of every member, with the directories the playbook names (the WAL archive) on each. */
    public ClusterFacts gather(Cluster cluster) {
        return gather(cluster.members(), cluster.desired().archive().map(a -> List.of(a.dir())).orElse(List.of()));
    }

    /** The facts of {@code hosts}, in their order. */
    public ClusterFacts gather(List<Host> hosts) {
        return gather(hosts, List.of());
    }

    private ClusterFacts gather(List<Host> hosts, List<String> paths) {
        if (hosts.isEmpty()) {
            return new ClusterFacts(Map.of());
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.forks(), hosts.size()), daemon("facts"));
        try {
            List<Future<NodeFacts>> futures = new ArrayList<>();
            for (Host h : hosts) {
                futures.add(pool.submit(() -> gatherNode(h, paths)));
            }
            Map<String, NodeFacts> nodes = new LinkedHashMap<>();
            for (int i = 0; i < hosts.size(); i++) {
                nodes.put(hosts.get(i).name(), await(futures.get(i), hosts.get(i)));
            }
            return new ClusterFacts(nodes);
        } finally {
            pool.shutdownNow();
        }
    }

    private NodeFacts gatherNode(Host host, List<String> paths) {
        RemoteShell shell;
        try (Timings.Span span = Timings.span(host.name() + ": connect and log in")) {
            shell = open(host);
        } catch (EngineException e) {
            return NodeFacts.unreachable(host.name(), host.address(), e.getMessage());
        }
        try (shell; Timings.Span span = Timings.span(host.name() + ": read facts over the open connection")) {
            return reader.read(host, shell, paths);
        } catch (EscalationRefused e) {
            return NodeFacts.unreachable(host.name(), host.address(), e.getMessage())
                    .withPlatform(PlatformFacts.refused(e.getMessage()));
        } catch (EngineException e) {
            return NodeFacts.unreachable(host.name(), host.address(), e.getMessage());
        } catch (RuntimeException e) {
            return NodeFacts.unreachable(host.name(), host.address(), "facts could not be read: " + e);
        }
    }

    /** Opens the shell on its own thread so that an opener ignoring its timeout cannot hold this node longer. */
    private RemoteShell open(Host host) {
        CompletableFuture<RemoteShell> opening = CompletableFuture.supplyAsync(
                () -> shells.open(host, options.connectTimeout()), OPENERS);
        try {
            return opening.get(options.connectTimeout().toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            opening.thenAccept(RemoteShell::close);
            throw new EngineException("no connection within " + options.connectTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EngineException ee) {
                throw ee;
            }
            throw new EngineException("cannot connect: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while connecting");
        }
    }

    private static NodeFacts await(Future<NodeFacts> future, Host host) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return NodeFacts.unreachable(host.name(), host.address(), "facts could not be read: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NodeFacts.unreachable(host.name(), host.address(), "interrupted");
        }
    }

    private static final ExecutorService OPENERS = Executors.newCachedThreadPool(daemon("connect"));

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, "pgconverge-" + name);
            t.setDaemon(true);
            return t;
        };
    }
}
