package io.pgconverge.exec;

import io.pgconverge.facts.AppliedRecord;
import io.pgconverge.facts.AppliedRecordFile;
import io.pgconverge.model.ShellWords;
import io.pgconverge.plan.task.AppendLine;
import io.pgconverge.plan.task.EnsureDirectory;
import io.pgconverge.plan.task.RecordApplied;
import io.pgconverge.plan.task.RemoveFile;
import io.pgconverge.plan.task.WriteFile;
import io.pgconverge.transport.CommandResult;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Runners of the file tasks: write, append a line, remove, ensure a directory, record the apply. */
final class FileRunners {
    private FileRunners() {
    }

    static final class WriteFileRunner implements TaskRunner<WriteFile> {
        @Override
        public String run(WriteFile task, RunContext context) {
            boolean wrote = context.shell().writeFile(task.path(), task.after().getBytes(StandardCharsets.UTF_8),
                    task.mode());
            return wrote ? "written" : "already up to date";
        }
    }

    static final class AppendLineRunner implements TaskRunner<AppendLine> {
        @Override
        public String run(AppendLine task, RunContext context) {
            String q = ShellWords.quote(task.path());
            String line = ShellWords.quote(task.line());
            CommandResult r = context.check("if [ -f " + q + " ] && grep -qxF -- " + line + " " + q
                    + "; then echo present; else { [ ! -s " + q + " ] || [ -z \"$(tail -c1 " + q + ")\" ] || echo; echo "
                    + line + "; } >> " + q + "; echo appended; fi\n", RunContext.COMMAND_TIMEOUT, "append");
            return r.stdout().strip().equals("present") ? "already present" : "appended";
        }
    }

    static final class RemoveFileRunner implements TaskRunner<RemoveFile> {
        @Override
        public String run(RemoveFile task, RunContext context) {
            String q = ShellWords.quote(task.path());
            CommandResult r = context.check("if [ -e " + q + " ]; then rm -f -- " + q + "; echo removed; else echo absent;"
                    + " fi\n", RunContext.COMMAND_TIMEOUT, "remove " + task.path());
            return r.stdout().strip().equals("absent") ? "already absent" : "removed";
        }
    }

    static final class EnsureDirectoryRunner implements TaskRunner<EnsureDirectory> {
        @Override
        public String run(EnsureDirectory task, RunContext context) {
            context.check(task.runsAs(), "set -e\n" + String.join("\n", task.commands()) + "\n",
                    RunContext.COMMAND_TIMEOUT, "directory " + task.path());
            return "in place";
        }
    }

    static final class RecordAppliedRunner implements TaskRunner<RecordApplied> {
        @Override
        public String run(RecordApplied task, RunContext context) {
            AppliedBy by = context.appliedBy();
            AppliedRecord record = new AppliedRecord(by.playbook(), by.commit(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), by.engineVersion());
            context.shell().writeFile(task.path(), AppliedRecordFile.render(record).getBytes(StandardCharsets.UTF_8),
                    "0644");
            return "recorded";
        }
    }
}
