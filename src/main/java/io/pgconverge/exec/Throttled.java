package io.pgconverge.exec;

import java.util.function.Consumer;

/** Passes on at most one progress line a second (pg_basebackup -P rewrites its line many times a second). */
final class Throttled implements Consumer<String> {
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private final Consumer<String> target;
    private long last = System.nanoTime() - INTERVAL_NANOS;

    Throttled(Consumer<String> target) {
        this.target = target;
    }

    @Override
    public synchronized void accept(String line) {
        long now = System.nanoTime();
        if (now - last >= INTERVAL_NANOS && !line.isBlank()) {
            last = now;
            target.accept(line.strip());
        }
    }
}
