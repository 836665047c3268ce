package io.pgconverge.cli;

import io.pgconverge.facts.GatherOptions;
import picocli.CommandLine.Option;

import java.time.Duration;

/** How facts are gathered: {@code --forks} and {@code --timeout}. */
public final class GatherMixin {
    @Option(names = "--forks", paramLabel = "N", defaultValue = "10",
            description = "How many nodes are worked on at once (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Connect timeout per node in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    GatherOptions options() {
        if (forks < 1) {
            throw new io.pgconverge.model.EngineException("--forks must be at least 1.");
        }
        if (timeoutSeconds < 1) {
            throw new io.pgconverge.model.EngineException("--timeout must be at least 1 second.");
        }
        return GatherOptions.defaults().withForks(forks).withConnectTimeout(Duration.ofSeconds(timeoutSeconds));
    }
}
