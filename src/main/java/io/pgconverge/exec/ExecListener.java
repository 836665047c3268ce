package io.pgconverge.exec;

import io.pgconverge.plan.task.Task;

/** What an apply tells its views while it runs; called from worker threads. The executor itself never prints. */
public interface ExecListener {
    void taskStarted(Task task);

    /** A line of progress of a long task (pg_basebackup -P, a wait). */
    void progress(Task task, String line);

    void taskFinished(Task task, TaskOutcome outcome);
}
