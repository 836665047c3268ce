package io.pgconverge.cli;

import io.pgconverge.lab.Lab;
import io.pgconverge.lab.LabLayout;
import io.pgconverge.lab.LabReport;
import io.pgconverge.lab.LabSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** {@code pgconverge lab up|down|status}: the local lab of Debian systems. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Start, stop or show the local lab: Debian systems in network namespaces at 127.1.K.N.",
        subcommands = {LabCommand.Up.class, LabCommand.Down.class, LabCommand.Status.class})
public final class LabCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: lab up, lab down or lab status");
    }

    /** The option every lab subcommand takes. */
    static final class LabDir {
        @Option(names = "--dir", paramLabel = "DIR",
                description = "Lab directory (default: $" + LabLayout.DIR_ENV + " or /tmp/pgconverge-lab).")
        Path dir;

        Lab lab() {
            return Lab.at(LabLayout.chooseDir(dir, System.getenv()));
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Bring up node1..N (build the Debian base once); repair what is missing;"
            + " no-op when all runs.")
    static final class Up implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        LabDir labDir;

        @Option(names = "--nodes", paramLabel = "N", description = "Number of nodes (default: "
                + LabSettings.DEFAULT_NODES + ", or as many as the lab has).")
        Integer nodes;

        @Option(names = "--pg-version", paramLabel = "N", description = "PostgreSQL major version, which chooses"
                + " the Debian release: 13 bullseye, 15 bookworm (default), 17 trixie, 18 sid.")
        Integer pgVersion;

        @Option(names = "--node-version", paramLabel = "NODE=N", description = "A node with another PostgreSQL"
                + " major version, and so another Debian release, than the lab's (a mixed lab), e.g. node3=17;"
                + " repeatable.")
        Map<String, Integer> nodeVersions;

        @Option(names = "--subnet", paramLabel = "K", description = "Subnet index: nodes at 127.1.K.N, bridge"
                + " pgclabK (default: 0), so that several labs coexist.")
        Integer subnet;

        @Override
        public void run() {
            Lab lab = labDir.lab();
            LabSettings had = lab.settings().orElse(LabSettings.defaults());
            LabSettings wanted = new LabSettings(nodes != null ? nodes : had.nodes(),
                    pgVersion != null ? pgVersion : had.pgVersion(), subnet != null ? subnet : had.subnet(),
                    nodeVersions != null ? nodeVersions : had.nodeVersions());
            PrintWriter out = spec.commandLine().getOut();
            LabReport report = lab.up(wanted);
            LabView.changes(out, report, "Lab is up; nothing to do.");
            LabView.status(out, report.status());
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop the lab's nodes and take apart their mounts and network (only what"
            + " the lab made); keep the data unless --purge.")
    static final class Down implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        LabDir labDir;

        @Option(names = "--purge", description = "Also remove the nodes' files (their data); the Debian base cache"
                + " under /var/cache/pgconverge stays.")
        boolean purge;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            LabReport report = labDir.lab().down(purge);
            LabView.changes(out, report, "Nothing of the lab was running.");
            LabView.status(out, report.status());
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show every lab node: address, namespace, sshd, PostgreSQL, version.")
    static final class Status implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        LabDir labDir;

        @Override
        public void run() {
            LabView.status(spec.commandLine().getOut(), labDir.lab().status());
        }
    }
}
