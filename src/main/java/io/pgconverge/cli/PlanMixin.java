package io.pgconverge.cli;

import io.pgconverge.plan.PlanOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** Options of every command that plans: {@code --templates}, {@code --force}. */
public final class PlanMixin {
    @Option(names = "--force",
            description = "Promote the desired primary although another standby has more WAL, or make a primary whose "
                    + "timeline is not older a standby: both lose transactions, which the plan states.")
    boolean force;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "Directory of Mustache templates to use instead of the built-in ones.")
    Path templates;

    PlanOptions options() {
        return new PlanOptions(force);
    }

    Optional<Path> templates() {
        return Optional.ofNullable(templates);
    }
}
