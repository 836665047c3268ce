package io.pgconverge.exec;

import io.pgconverge.plan.task.Task;

/**
 * Executes one kind of task. A runner first re-checks the task's precondition, so a task whose work is already
 * done (a re-run after a failure) finishes without acting. Returns a one-line detail of what it did or found;
 * throws an {@link io.pgconverge.model.EngineException} when it fails.
 */
interface TaskRunner<T extends Task> {
    String run(T task, RunContext context);
}
