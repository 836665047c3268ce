package io.pgconverge.cli;

import io.pgconverge.exec.ApplyResult;
import io.pgconverge.exec.Progress;
import io.pgconverge.exec.TaskOutcome;
import io.pgconverge.plan.task.Task;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * An apply as lines, for a log, a pipe or a terminal that wants no ANSI codes: a line when a task starts, its
 * progress lines, a line when it ends, then the summary.
 */
final class PlainApplyView implements ApplyView {
    private final PrintWriter out;

    PlainApplyView(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void taskStarted(Task task) {
        out.println(task.id() + ": " + task.summary() + " ...");
        out.flush();
    }

    @Override
    public void commandStarted(Task task, String command) {
        // the task's line names what it does; its commands are in the plan
    }

    @Override
    public synchronized void progress(Task task, Progress progress) {
        out.println(task.id() + ":   " + progress.text());
        out.flush();
    }

    @Override
    public synchronized void taskFinished(Task task, TaskOutcome outcome) {
        out.println(finishedLine(task, outcome));
        out.flush();
    }

    /** {@code node2/start: done in 1.2 s (started)}, {@code ... FAILED after ...: why}, {@code ... skipped, why}. */
    static String finishedLine(Task task, TaskOutcome outcome) {
        String took = String.format(Locale.ROOT, "%.1f s", outcome.took().toMillis() / 1000.0);
        switch (outcome.state()) {
            case DONE:
                return task.id() + ": done in " + took + " (" + outcome.detail() + ")";
            case FAILED:
                return task.id() + ": FAILED after " + took + ": " + outcome.detail();
            default:
                return task.id() + ": skipped, " + outcome.detail();
        }
    }

    @Override
    public synchronized void finish(ApplyResult result) {
        ApplySummary.print(out, result);
    }
}
