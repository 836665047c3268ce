package io.pgconverge.exec;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds an apply lock: an id to name it by ({@code apply --force-unlock ID}), the user, the controller host,
 * the pid and the start time of that process (so that a recycled pid is not taken for the holder), and since when.
 * Written into the lock directory as {@code key=value} lines.
 */
public record LockHolder(String id, String user, String host, long pid, Optional<Instant> processStart,
                         Instant since) {
    /** This process. */
    public static LockHolder current() {
        ProcessHandle self = ProcessHandle.current();
        return new LockHolder(UUID.randomUUID().toString().substring(0, 8), System.getProperty("user.name"),
                thisHost(), self.pid(), self.info().startInstant(), Instant.now());
    }

    /** The controller's host name as the JVM names itself ({@code pid@host}). */
    public static String thisHost() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(at + 1);
    }

    /** The holder file's text: one {@code key=value} line per field. */
    public String text() {
        return "id=" + id + "\nuser=" + user + "\nhost=" + host + "\npid=" + pid + "\nprocess_start="
                + processStart.map(Instant::toString).orElse("") + "\nsince=" + since + "\n";
    }

    /** Reads a holder file; empty when it names no host and pid (an unreadable or foreign file). */
    public static Optional<LockHolder> parse(String text) {
        Map<String, String> v = new HashMap<>();
        text.lines().forEach(l -> {
            int eq = l.indexOf('=');
            if (eq > 0) {
                v.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
            }
        });
        if (!v.containsKey("host") || !v.getOrDefault("pid", "").matches("\\d+")) {
            return Optional.empty();
        }
        return Optional.of(new LockHolder(v.getOrDefault("id", "?"), v.getOrDefault("user", "?"), v.get("host"),
                Long.parseLong(v.get("pid")), instant(v.get("process_start")),
                instant(v.get("since")).orElse(Instant.EPOCH)));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text == null || text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The holder is known to be gone: it ran on this host and its process no longer exists (or the pid now
     * belongs to a process started at another time). From another host nothing can be proven.
     */
    public boolean provablyGone() {
        if (!host.equals(thisHost())) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return processStart.isPresent() && started.isPresent()
                && Math.abs(started.get().toEpochMilli() - processStart.get().toEpochMilli()) > 1000;
    }

    /** "apply 1a2b3c4d of alice, pid 15800 on vm, since 2026-12-03T18:00:00Z". */
    public String describe() {
        return "apply " + id + " of " + user + ", pid " + pid + " on " + host + ", since " + since;
    }
}
