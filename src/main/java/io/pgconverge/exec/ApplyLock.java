package io.pgconverge.exec;

import io.pgconverge.model.EngineException;
import io.pgconverge.model.Host;
import io.pgconverge.model.ShellWords;
import io.pgconverge.transport.CommandResult;
import io.pgconverge.transport.RemoteShell;
import io.pgconverge.transport.TransportException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One apply per cluster at a time: a lock directory ({@code pgconverge.lock} in every reachable member's
 * config directory, taken in inventory order) holding who took it. A second apply fails fast, naming the holder.
 */
public final class ApplyLock implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final List<Held> held = new ArrayList<>();

    private record Held(RemoteShell shell, String dir) {
    }

    private ApplyLock() {
    }

    /** Takes the lock on every given node or none; {@code holder} says who takes it (user@machine pid). */
    public static ApplyLock acquire(List<Host> hosts, java.util.function.Function<Host, RemoteShell> shells,
                                    String holder) {
        ApplyLock lock = new ApplyLock();
        try {
            for (Host h : hosts) {
                RemoteShell shell;
                try {
                    shell = shells.apply(h);
                } catch (TransportException unreachable) {
                    continue; // the facts report it; a node no apply can reach needs no lock
                }
                lock.take(h, shell, holder);
            }
            return lock;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private void take(Host host, RemoteShell shell, String holder) {
        String dir = host.pg().configDir() + "/pgconverge.lock";
        String q = ShellWords.quote(dir);
        String script = "if mkdir " + q + " 2>/dev/null; then printf '%s\\n' " + ShellWords.quote(holder + " since "
                + Instant.now()) + " > " + q + "/holder; echo TAKEN; else cat " + q + "/holder 2>/dev/null"
                + " || echo unknown; fi\n";
        CommandResult r = shell.run(script, TIMEOUT);
        if (!r.ok()) {
            throw new EngineException(host.name() + ": cannot take the apply lock " + dir + ": " + r.stderr().strip());
        }
        if (!r.stdout().strip().equals("TAKEN")) {
            throw new EngineException("another apply holds the lock of this cluster on " + host.name() + " ("
                    + r.stdout().strip() + "); wait for it to finish, or remove " + dir
                    + " on that node if no apply is running");
        }
        held.add(new Held(shell, dir));
    }

    @Override
    public void close() {
        for (Held h : held) {
            try {
                h.shell().run("rm -f " + ShellWords.quote(h.dir() + "/holder") + "; rmdir " + ShellWords.quote(h.dir())
                        + "\n", TIMEOUT);
            } catch (RuntimeException ignored) {
                // the node went away during the apply; its lock directory names the holder for the next one
            }
        }
        held.clear();
    }
}
