package io.pgconverge.cli;

import io.pgconverge.exec.ApplyResult;
import io.pgconverge.exec.ExecListener;
import io.pgconverge.exec.TaskOutcome;
import io.pgconverge.exec.TaskState;
import io.pgconverge.plan.task.Task;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints an apply as it runs: a line when a task starts and one when it ends, then the summary. */
final class ApplyView implements ExecListener {
    private final PrintWriter out;

    ApplyView(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void taskStarted(Task task) {
        out.println(task.id() + ": " + task.summary() + " ...");
        out.flush();
    }

    @Override
    public synchronized void progress(Task task, String line) {
        out.println(task.id() + ":   " + line);
        out.flush();
    }

    @Override
    public synchronized void taskFinished(Task task, TaskOutcome outcome) {
        String took = String.format(Locale.ROOT, "%.1f s", outcome.took().toMillis() / 1000.0);
        switch (outcome.state()) {
            case DONE:
                out.println(task.id() + ": done in " + took + " (" + outcome.detail() + ")");
                break;
            case FAILED:
                out.println(task.id() + ": FAILED after " + took + ": " + outcome.detail());
                break;
            default:
                out.println(task.id() + ": skipped, " + outcome.detail());
        }
        out.flush();
    }

    void summary(ApplyResult result) {
        long done = result.count(TaskState.DONE);
        long failed = result.count(TaskState.FAILED);
        long skipped = result.count(TaskState.SKIPPED);
        out.println();
        if (failed == 0 && skipped == 0) {
            out.println("Apply complete: " + done + (done == 1 ? " task" : " tasks") + " done.");
        } else {
            out.println("Apply failed: " + done + " done, " + failed + " failed, " + skipped + " skipped.");
            result.outcomes().stream().filter(o -> o.state() == TaskState.FAILED)
                    .forEach(o -> out.println("  failed: " + o.taskId() + ": " + o.detail()));
            out.println("Fix the cause and run apply again: tasks already done are found done and not repeated.");
        }
        out.flush();
    }
}
