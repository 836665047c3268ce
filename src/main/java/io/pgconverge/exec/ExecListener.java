package io.pgconverge.exec;

import io.pgconverge.plan.task.Task;

/** What an apply tells its views while it runs; called from worker threads. The executor itself never prints. */
public interface ExecListener {
    void taskStarted(Task task);

    /** A command of the task starts on its node, named in a few words ({@code pg_basebackup from node1}). */
    void commandStarted(Task task, String command);

    /** A line of progress of a long task (pg_basebackup -P, a wait), with the share of a copy done when known. */
    void progress(Task task, Progress progress);

    void taskFinished(Task task, TaskOutcome outcome);
}
