package io.pgconverge.exec;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Passes on at most one routine progress line a second (pg_basebackup -P may report many times a second); a line
 * that is not routine (a note, an error, the report of a finished copy) always passes, so the last word is seen,
 * and does not count against the routine ones.
 */
final class Throttled implements Consumer<String> {
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private final Consumer<String> target;
    private final Predicate<String> routine;
    private long last = System.nanoTime() - INTERVAL_NANOS;

    Throttled(Consumer<String> target, Predicate<String> routine) {
        this.target = target;
        this.routine = routine;
    }

    /** pg_basebackup's output: its progress reports are routine but the one at 100%. */
    static Throttled baseBackup(Consumer<Progress> target) {
        return new Throttled(line -> target.accept(Progress.ofBaseBackup(line)),
                line -> Progress.ofBaseBackup(line).share().map(s -> s.percent() < 100).orElse(false));
    }

    @Override
    public synchronized void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        if (routine.test(line)) {
            long now = System.nanoTime();
            if (now - last < INTERVAL_NANOS) {
                return;
            }
            last = now;
        }
        target.accept(line.strip());
    }
}
