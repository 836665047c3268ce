package io.pgconverge.cli;

import io.pgconverge.lab.Lab;
import io.pgconverge.lab.LabLayout;
import io.pgconverge.lab.LabReport;
import io.pgconverge.lab.LabStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code pgconverge lab up|down|status}: the local sandbox cluster. */
@Command(name = "lab", mixinStandardHelpOptions = true, description = "Start, stop or show the local lab nodes.",
        subcommands = {LabCommand.Up.class, LabCommand.Down.class, LabCommand.Status.class})
public final class LabCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: lab up, lab down or lab status");
    }

    /** Options every lab subcommand takes. */
    static final class LabOptions {
        @Option(names = "--dir", paramLabel = "DIR",
                description = "Lab directory (default: $" + LabLayout.DIR_ENV + " or /tmp/pgconverge-lab).")
        Path dir;

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
                description = "Number of nodes lab up brings up (default: ${DEFAULT-VALUE}); down and status"
                        + " always cover every node of the lab.")
        int nodes;

        Lab lab() {
            return Lab.at(LabLayout.chooseDir(dir, System.getenv()));
        }
    }

    @Command(name = "up", description = "Start node1..N and the lab sshd; repair what is missing; no-op when all runs.")
    static final class Up implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        LabOptions options;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            LabReport report = options.lab().up(options.nodes);
            LabView.changes(out, report, "Lab is up; nothing to do.");
            LabView.status(out, report.status());
        }
    }

    @Command(name = "down", description = "Stop the lab's servers and sshd (only what the lab started); keep the data.")
    static final class Down implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        LabOptions options;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            LabReport report = options.lab().down();
            LabView.changes(out, report, "Nothing of the lab was running.");
            LabView.status(out, report.status());
        }
    }

    @Command(name = "status", description = "Show every lab node (address, port, running, pid) and the sshd.")
    static final class Status implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        LabOptions options;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            LabStatus status = options.lab().status();
            LabView.status(out, status);
        }
    }
}
