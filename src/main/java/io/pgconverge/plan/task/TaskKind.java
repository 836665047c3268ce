package io.pgconverge.plan.task;

import java.util.Locale;

/**
 * The kind of a task, one per {@link Task} record. The declaration order is the tie-breaker of the plan's
 * execution order among tasks of one host that do not depend on each other.
 */
public enum TaskKind {
    FENCE, STOP, INIT_DB, BASE_BACKUP, REWIND, ENSURE_DIRECTORY, WRITE_FILE, APPEND_LINE, REMOVE_FILE,
    RESET_ALTER_SYSTEM, START, CREATE_ROLE, ALTER_ROLE, DROP_SLOT, CREATE_SLOT, RELOAD, RESTART, CHECKPOINT,
    WAIT_FOR_REPLAY, WAIT_FOR_CONTROL_DATA, PROMOTE, VERIFY_REPLICATION, RECORD_APPLIED;

    /** The name used in JSON and graph output: lower case with underscores ({@code write_file}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
