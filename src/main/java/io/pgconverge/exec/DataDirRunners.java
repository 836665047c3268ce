package io.pgconverge.exec;

import io.pgconverge.facts.Lsn;
import io.pgconverge.model.EngineException;
import io.pgconverge.model.Intent;
import io.pgconverge.model.NodePaths;
import io.pgconverge.model.ShellWords;
import io.pgconverge.plan.task.BaseBackup;
import io.pgconverge.plan.task.InitDb;
import io.pgconverge.plan.task.Rewind;
import io.pgconverge.transport.CommandResult;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runners of the tasks that make or rewrite a data directory: initdb, base backup, rewind. The long commands run as
 * a {@link RemoteJob}: they end with the session, leave no passfile, and the intent marker says how far they got.
 */
final class DataDirRunners {
    private DataDirRunners() {
    }

    private static void requireStopped(RunContext context, String what) {
        if (new ServerControl(context).running()) {
            throw new EngineException(context.task().host() + ": the server is running; " + what
                    + " needs it stopped");
        }
    }

    private static NodePaths paths(RunContext context) {
        return NodePaths.of(context.host().pg());
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
            Intent intent = new Intent(Intent.Action.BASE_BACKUP, task.source(), Intent.Stage.COPYING);
            RemoteJob job = new RemoteJob(paths(context))
                    .intent(intent)
                    .then(task.clearStagingCommand())
                    .secret(task.passfile(), task.passfileContent())
                    .job("pg_basebackup", task.fetchCommand() + " 2>&1; echo")
                    .then(task.moveAsideCommand())
                    .then(task.moveInCommand())
                    .then("rm -f -- " + ShellWords.quote(paths(context).rewindFailed()))
                    .intent(intent.at(Intent.Stage.COPIED))
                    .then("du -sh " + ShellWords.quote(task.dataDir()) + " | cut -f1");
            if (task.replacesDataDir()) {
                job.then("ls -d " + ShellWords.quote(task.asidePrefix()) + "* | tail -n 1");
            }
            CommandResult r = context.check(job.script(), RunContext.LONG_TIMEOUT, "pg_basebackup from "
                    + task.source(), Throttled.baseBackup(progress -> context.listener().progress(task, progress)));
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
                context.progress("the data directory was not shut down cleanly (" + state
                        + "): crash recovery in single-user mode");
                context.check(new RemoteJob(paths(context)).job("crash recovery", task.crashRecoveryCommand() + " >> "
                        + ShellWords.quote(ServerControl.logFile(context.host().pg())) + " 2>&1").script(),
                        RunContext.LONG_TIMEOUT, "crash recovery");
                recovered = "crash recovery, then ";
            }
            Intent intent = new Intent(Intent.Action.REWIND, task.source(), Intent.Stage.COPYING);
            String script = new RemoteJob(paths(context)).intent(intent)
                    .then(task.keepWalCommand())
                    .secret(task.passfile(), task.passfileContent())
                    .job("pg_rewind", task.command() + " 2>&1")
                    .intent(intent.at(Intent.Stage.COPIED)).script();
            CommandResult r;
            try {
                r = context.check(script, RunContext.LONG_TIMEOUT, "pg_rewind from " + task.source());
            } catch (EngineException e) {
                String marker = paths(context).rewindFailed();
                context.shell().writeFile(marker, (e.getMessage().replace('\n', ' ') + "\n")
                        .getBytes(StandardCharsets.UTF_8), "0644");
                throw new EngineException(e.getMessage() + "; the next plan rebuilds " + task.host()
                        + " by a base backup instead (" + marker + ")", e);
            }
            String out = r.stdout();
            java.util.regex.Matcher m = DIVERGED.matcher(out);
            boolean diverged = m.find();
            int restored = restoreKeptWal(task, context, diverged ? Optional.of(Lsn.parse(m.group(1)))
                    : Optional.empty());
            if (out.contains("no rewind required")) {
                return recovered + "no rewind required: it had not diverged from " + task.source();
            }
            String where = diverged ? " (the servers diverged at " + m.group(1) + " on timeline " + m.group(2) + ")"
                    : "";
            return recovered + "rewound to the timeline of " + task.source() + where
                    + (restored > 0 ? "; " + restored + " WAL segment(s) before the divergence kept for recovery" : "");
        }

        /** Links back the kept WAL segments recovery needs (see {@link Rewind#walToRestore}), then drops the rest. */
        private static int restoreKeptWal(Rewind task, RunContext context, Optional<Lsn> diverged) {
            String kept = ShellWords.quote(task.keptWalDir());
            String walDir = task.dataDir() + "/pg_wal";
            List<String> names = List.of();
            if (diverged.isPresent()) {
                long segmentBytes = Long.parseLong(new ServerControl(context).controlData().values()
                        .getOrDefault("Bytes per WAL segment", "16777216"));
                List<String> saved = lines(context.check("ls -1 -- " + kept + "\n", RunContext.COMMAND_TIMEOUT,
                        "list the kept WAL segments").stdout());
                Set<String> present = Set.copyOf(lines(context.check("ls -1 -- " + ShellWords.quote(walDir) + "\n",
                        RunContext.COMMAND_TIMEOUT, "list pg_wal").stdout()));
                names = Rewind.walToRestore(saved, present, diverged.get(), segmentBytes);
            }
            StringBuilder script = new StringBuilder();
            for (String name : names) {
                script.append("ln -- ").append(ShellWords.quote(task.keptWalDir() + "/" + name)).append(' ')
                        .append(ShellWords.quote(walDir + "/" + name)).append('\n');
            }
            script.append("rm -rf -- ").append(kept).append('\n');
            context.check(script.toString(), RunContext.COMMAND_TIMEOUT, "bring back the kept WAL segments");
            return names.size();
        }

        private static List<String> lines(String text) {
            return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }
}
