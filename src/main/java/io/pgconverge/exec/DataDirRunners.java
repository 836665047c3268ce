package io.pgconverge.exec;

import io.pgconverge.model.EngineException;
import io.pgconverge.model.NodePaths;
import io.pgconverge.model.ShellWords;
import io.pgconverge.plan.task.BaseBackup;
import io.pgconverge.plan.task.InitDb;
import io.pgconverge.plan.task.Rewind;
import io.pgconverge.transport.CommandResult;

import java.nio.charset.StandardCharsets;

/** Runners of the tasks that make or rewrite a data directory: initdb, base backup, rewind. */
final class DataDirRunners {
    private DataDirRunners() {
    }

    private static void requireStopped(RunContext context, String what) {
        if (new ServerControl(context).running()) {
            throw new EngineException(context.task().host() + ": the server is running; " + what
                    + " needs it stopped");
        }
    }

    /** A script that removes the passfile however it ends, then runs the commands and stops at the first failure. */
    private static String guarded(String passfile, Iterable<String> commands) {
        StringBuilder s = new StringBuilder("set -e\ntrap 'rm -f -- " + passfile.replace("'", "'\\''") + "' EXIT\n");
        commands.forEach(c -> s.append(c).append('\n'));
        return s.toString();
    }

    static final class InitDbRunner implements TaskRunner<InitDb> {
        @Override
        public String run(InitDb task, RunContext context) {
            String version = ShellWords.quote(task.dataDir() + "/PG_VERSION");
            if (context.shell().run("[ -f " + version + " ]\n", RunContext.COMMAND_TIMEOUT).ok()) {
                return "already initialised";
            }
            context.check(task.command() + "\n", RunContext.LONG_TIMEOUT, "initdb");
            return "initialised";
        }
    }

    static final class BaseBackupRunner implements TaskRunner<BaseBackup> {
        @Override
        public String run(BaseBackup task, RunContext context) {
            requireStopped(context, "a base backup");
            context.shell().writeFile(task.passfile(), task.passfileContent().getBytes(StandardCharsets.UTF_8), "0600");
            java.util.List<String> commands = new java.util.ArrayList<>();
            commands.add(task.clearStagingCommand());
            commands.add(task.fetchCommand() + " 2>&1; echo");
            task.moveAsideCommand().ifPresent(commands::add);
            commands.add(task.moveInCommand());
            commands.add("rm -f -- " + ShellWords.quote(NodePaths.of(context.host().pg()).rewindFailed()));
            commands.add("du -sh " + ShellWords.quote(task.dataDir()) + " | cut -f1");
            if (task.replacesDataDir()) {
                commands.add("ls -d " + ShellWords.quote(task.asidePrefix()) + "* | tail -n 1");
            }
            CommandResult r = context.check(guarded(task.passfile(), commands), RunContext.LONG_TIMEOUT,
                    "pg_basebackup from " + task.source(), new Throttled(context.progress()));
            String[] lines = r.stdout().strip().split("\n");
            String detail = "copied " + (task.replacesDataDir() && lines.length >= 2 ? lines[lines.length - 2]
                    : lines[lines.length - 1]) + " from " + task.source();
            return task.replacesDataDir() ? detail + "; old data directory moved to " + lines[lines.length - 1] : detail;
        }
    }

    static final class RewindRunner implements TaskRunner<Rewind> {
        private static final java.util.regex.Pattern DIVERGED =
                java.util.regex.Pattern.compile("servers diverged at WAL location (\\S+) on timeline (\\d+)");

        @Override
        public String run(Rewind task, RunContext context) {
            ServerControl server = new ServerControl(context);
            requireStopped(context, "pg_rewind");
            String state = server.controlData().clusterState().orElse("unknown");
            String recovered = "";
            if (!state.equals("shut down") && !state.equals("shut down in recovery")) {
                context.progress().accept("the data directory was not shut down cleanly (" + state
                        + "): crash recovery in single-user mode");
                context.check(task.crashRecoveryCommand() + " >> " + ShellWords.quote(ServerControl.logFile(
                        context.host().pg())) + " 2>&1\n", RunContext.LONG_TIMEOUT, "crash recovery");
                recovered = "crash recovery, then ";
            }
            context.shell().writeFile(task.passfile(), task.passfileContent().getBytes(StandardCharsets.UTF_8), "0600");
            CommandResult r;
            try {
                r = context.check(guarded(task.passfile(), java.util.List.of(task.command() + " 2>&1")),
                        RunContext.LONG_TIMEOUT, "pg_rewind from " + task.source());
            } catch (EngineException e) {
                String marker = NodePaths.of(context.host().pg()).rewindFailed();
                context.shell().writeFile(marker, (e.getMessage().replace('\n', ' ') + "\n")
                        .getBytes(StandardCharsets.UTF_8), "0644");
                throw new EngineException(e.getMessage() + "; the next plan rebuilds " + task.host()
                        + " by a base backup instead (" + marker + ")", e);
            }
            String out = r.stdout();
            if (out.contains("no rewind required")) {
                return recovered + "no rewind required: it had not diverged from " + task.source();
            }
            java.util.regex.Matcher m = DIVERGED.matcher(out);
            String where = m.find() ? " (the servers diverged at " + m.group(1) + " on timeline " + m.group(2) + ")" : "";
            return recovered + "rewound to the timeline of " + task.source() + where;
        }
    }
}
