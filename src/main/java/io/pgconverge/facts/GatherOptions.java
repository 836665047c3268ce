package io.pgconverge.facts;

import java.time.Duration;

/**
 * How facts are gathered.
 *
 * @param forks          how many nodes are read at the same time
 * @param connectTimeout how long opening a node's shell may take before the node counts as unreachable
 * @param commandTimeout how long the facts script and the facts query may each take
 */
public record GatherOptions(int forks, Duration connectTimeout, Duration commandTimeout) {
    public static final int DEFAULT_FORKS = 10;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);

    public GatherOptions {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1, not " + forks);
        }
    }

    public static GatherOptions defaults() {
        return new GatherOptions(DEFAULT_FORKS, DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT);
    }

    public GatherOptions withForks(int n) {
        return new GatherOptions(n, connectTimeout, commandTimeout);
    }

    public GatherOptions withConnectTimeout(Duration d) {
        return new GatherOptions(forks, d, commandTimeout);
    }
}
