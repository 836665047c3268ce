package io.pgconverge.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a command's time goes, for benchmarks: spans (a phase, a node's handshake, a round trip) recorded with
 * their start relative to the process's start, only when asked for ({@code -Dpgconverge.timing=true}, or
 * {@code PGCONVERGE_TIMING=1} in the environment); otherwise a span costs one boolean test. Only the command line
 * prints the lines.
 */
public final class Timings {
    private static final boolean ENABLED = Boolean.getBoolean("pgconverge.timing")
            || "1".equals(System.getenv("PGCONVERGE_TIMING"));
    private static final long ORIGIN_NANOS = System.nanoTime();
    private static final List<Entry> ENTRIES = new ArrayList<>();
    private static final Span NONE = () -> { };

    private Timings() {
    }

    /** One finished span: start since the process started, and length. */
    public record Entry(String what, Duration start, Duration length) {
    }

    /** An open span; closing it records it. */
    @FunctionalInterface
    public interface Span extends AutoCloseable {
        @Override
        void close();
    }

    public static boolean enabled() {
        return ENABLED;
    }

    /** Starts a span named {@code what}, e.g. {@code "node1: ssh connect"}; close it when the step is done. */
    public static Span span(String what) {
        if (!ENABLED) {
            return NONE;
        }
        long start = System.nanoTime();
        return () -> record(what, start, System.nanoTime());
    }

    private static synchronized void record(String what, long start, long end) {
        ENTRIES.add(new Entry(what, sinceProcessStart(start), Duration.ofNanos(end - start)));
    }

    /** The spans recorded so far, by start; the first is the start-up up to main. */
    public static synchronized List<Entry> entries() {
        List<Entry> all = new ArrayList<>(ENTRIES);
        Duration jvm = sinceProcessStart(ORIGIN_NANOS);
        all.add(new Entry("process start to main (launcher and JVM start-up)", Duration.ZERO, jvm));
        all.sort(Comparator.comparing(Entry::start));
        return all;
    }

    private static Duration sinceProcessStart(long nanos) {
        Optional<Instant> started = ProcessHandle.current().info().startInstant();
        Duration beforeOrigin = started.map(s -> Duration.between(s, Instant.now())
                .minusNanos(System.nanoTime() - ORIGIN_NANOS)).orElse(Duration.ZERO);
        return beforeOrigin.plusNanos(nanos - ORIGIN_NANOS);
    }
}
