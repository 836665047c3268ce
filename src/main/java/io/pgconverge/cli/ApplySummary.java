package io.pgconverge.cli;

import io.pgconverge.exec.ApplyResult;
import io.pgconverge.exec.TaskState;

import java.io.PrintWriter;

/** The lines that end an apply, whichever view showed it: what was done, and what failed and what to do. */
final class ApplySummary {
    private ApplySummary() {
    }

    static void print(PrintWriter out, ApplyResult result) {
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
