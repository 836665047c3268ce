package io.pgconverge.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** Options of every command that plans: {@code --templates}. */
public final class PlanMixin {
    @Option(names = "--templates", paramLabel = "DIR",
            description = "Directory of Mustache templates to use instead of the built-in ones.")
    Path templates;

    Optional<Path> templates() {
        return Optional.ofNullable(templates);
    }
}
