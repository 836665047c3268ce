package io.pgconverge.exec;

import java.time.Duration;

/** The end of one task: its state, a one-line detail (the error, or what was found), how long it took. */
public record TaskOutcome(String taskId, TaskState state, String detail, Duration took) {
    public static TaskOutcome done(String taskId, String detail, Duration took) {
        return new TaskOutcome(taskId, TaskState.DONE, detail, took);
    }

    public static TaskOutcome failed(String taskId, String detail, Duration took) {
        return new TaskOutcome(taskId, TaskState.FAILED, detail, took);
    }

    public static TaskOutcome skipped(String taskId, String detail) {
        return new TaskOutcome(taskId, TaskState.SKIPPED, detail, Duration.ZERO);
    }
}
