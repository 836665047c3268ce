package io.pgconverge.exec;

import io.pgconverge.model.EngineException;
import io.pgconverge.model.Host;
import io.pgconverge.model.NodePaths;
import io.pgconverge.transport.RemoteShell;
import io.pgconverge.transport.TransportException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One apply per cluster at a time: a lock directory ({@link NodePaths#applyLock()}, never inside a data directory)
 * on every reachable member, the first in inventory order before the others, holding a {@link LockHolder}. A
 * second apply fails fast, naming the holder. A holder that ran on this host and whose process is gone is taken over, and said so; one from
 * another host is removed by {@code pgconverge unlock} or {@code apply --force-unlock ID}.
 */
public final class ApplyLock implements AutoCloseable {
    private final List<Held> held = new ArrayList<>();
    private final LockHolder me;

    private record Held(RemoteShell shell, LockDirectory dir) {
    }

    private ApplyLock(LockHolder me) {
        this.me = me;
    }

    /**
     * Takes the lock on every given node or none: on the first reachable node first, which decides between applies
     * started at the same time (every apply of the cluster asks it first, so only one gets past it), then on the
     * others at once.
     *
     * @param forceUnlock the id of a lock to take over whoever holds it (shown by the refusal and by unlock)
     * @param notices     hears each lock taken over from a holder that is gone
     */
    public static ApplyLock acquire(List<Host> hosts, Function<Host, RemoteShell> shells, LockHolder me,
                                    Optional<String> forceUnlock, Consumer<String> notices) {
        ApplyLock lock = new ApplyLock(me);
        try {
            List<Host> rest = new ArrayList<>(hosts);
            while (!rest.isEmpty() && lock.held.isEmpty()) {
                Host first = rest.remove(0);
                reachable(first, shells).ifPresent(shell -> lock.take(first, shell, forceUnlock, notices));
            }
            Parallel.forEach(rest, h -> reachable(h, shells).ifPresent(shell -> lock.take(h, shell, forceUnlock,
                    notices)));
            return lock;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The node's shell; none for a node no apply can reach, which needs no lock (the facts report it). */
    private static Optional<RemoteShell> reachable(Host h, Function<Host, RemoteShell> shells) {
        try {
            return Optional.of(shells.apply(h));
        } catch (TransportException unreachable) {
            return Optional.empty();
        }
    }

    private void take(Host host, RemoteShell shell, Optional<String> forceUnlock, Consumer<String> notices) {
        LockDirectory dir = new LockDirectory(host, shell);
        Optional<String> other = dir.tryTake(me);
        if (other.isPresent()) {
            Optional<LockHolder> holder = LockHolder.parse(other.get());
            String named = holder.map(LockHolder::describe).orElse(other.get().strip());
            boolean forced = holder.map(LockHolder::id).filter(id -> forceUnlock.filter(id::equals).isPresent())
                    .isPresent();
            if (holder.isEmpty() || !(forced || holder.get().provablyGone())) {
                throw new EngineException("another apply holds the lock of this cluster on " + host.name() + " ("
                        + named + "); wait for it to finish, or, if it is gone, run pgconverge unlock PLAYBOOK -i "
                        + "INVENTORY (or apply --force-unlock " + holder.map(LockHolder::id).orElse("ID")
                        + ") to remove " + dir.path());
            }
            dir.takeOver(holder.get(), me);
            notices.accept(host.name() + ": took over the apply lock from " + named + ", "
                    + (forced ? "removed with --force-unlock" : "whose process is gone"));
        }
        synchronized (held) {
            held.add(new Held(shell, dir));
        }
    }

    @Override
    public void close() {
        List<Held> taken;
        synchronized (held) {
            taken = List.copyOf(held);
            held.clear();
        }
        Parallel.forEach(taken, h -> {
            try {
                h.dir().release(me.id());
            } catch (RuntimeException ignored) {
                // the node went away during the apply; its lock names the holder, which the next apply sees is gone
            }
        });
    }
}
