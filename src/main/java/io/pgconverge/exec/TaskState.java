package io.pgconverge.exec;

/** How a task of an apply ended. */
public enum TaskState {
    /** It ran and did what it had to (or found nothing left to do). */
    DONE,
    /** It ran and failed; its dependants do not run. */
    FAILED,
    /** It did not run because a task it depends on failed or was skipped. */
    SKIPPED
}
