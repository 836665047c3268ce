package io.pgconverge.plan.task;

import java.util.List;

/**
 * One step of a plan: a value that says what will be done on which host and why. Tasks hold everything
 * needed both to show them and to execute them; the executor runs one runner per kind and, before acting,
 * re-checks the task's precondition (described per kind below) so that a re-run after a failure continues
 * where it stopped. Dependencies between tasks live in the plan's {@link PlanGraph}, not in the tasks.
 *
 * <p>Every task has a stable {@code id} ({@code node2/hba}, {@code node1/role/repl},
 * {@code node1/slot/127_0_0_12}, {@code node2/restart}), the inventory {@code host} it runs on, an
 * {@link Action} (the text plan's marker), a one-line {@link #summary()}, a {@link #reason()} (why it is
 * needed), and renderable {@link #details()}. Secrets (passwords, SCRAM verifiers, passfile contents) are
 * never part of {@code summary}, {@code details} or {@code toString}.
 *
 * <p>The kinds and what executing them means:
 * <ul>
 * <li>{@link WriteFile}: write {@code after} to {@code path} atomically with {@code mode}. Precondition:
 *     the file's current content is {@code before} or already {@code after}; an empty {@code before} means
 *     the file was absent (or is made by an earlier task such as a base backup): write whatever is there.
 *     A {@code sensitive} file's content (a passfile) is never shown.</li>
 * <li>{@link AppendLine}: append {@code line} to {@code path} unless the file already has that exact line
 *     (the include line of postgresql.conf); creates the file when absent.</li>
 * <li>{@link RemoveFile}: remove {@code path} if it exists.</li>
 * <li>{@link EnsureDirectory}: run its commands: create the directory with {@code mode}, owned by
 *     {@code owner} (the WAL archive).</li>
 * <li>{@link ResetAlterSystem}: {@code ALTER SYSTEM RESET name} for each name, on the running server; a
 *     later reload or restart of the node makes it effective.</li>
 * <li>{@link CreateRole} / {@link AlterRole}: run the role's statement on the primary. The password goes in
 *     as a SCRAM-SHA-256 verifier computed client-side. Precondition: the role is absent / present.</li>
 * <li>{@link CreateSlot} / {@link DropSlot}: create / drop a physical replication slot on the primary.
 *     Preconditions: absent / present and inactive.</li>
 * <li>{@link Start}, {@link Stop}, {@link Restart}, {@link Reload}: run the node's service command (see
 *     {@link ServiceCommands}); each waits until done. After a failed start or restart the runner shows the
 *     tail of the server log.</li>
 * <li>{@link InitDb}: run initdb into the missing or empty data directory. Precondition: PG_VERSION absent.</li>
 * <li>{@link BaseBackup}: open a 0600 passfile on descriptor 3, unlink it, write the replication password into
 *     it, run pg_basebackup into the staging directory beside the data directory; only when the backup
 *     completed, move the old data directory aside ({@code main.old-TIMESTAMP}, timestamp taken at run
 *     time, never deleted) and the staging directory into its place. The server is stopped by an earlier
 *     {@link Stop} task and started by a later {@link Start}.</li>
 * <li>{@link Promote}: promote a standby (pg_promote(wait => true) from 12, pg_ctl promote before).
 *     Precondition: in recovery; a primary already is left as it is.</li>
 * <li>{@link Checkpoint}: run CHECKPOINT on the node: after a promotion, so that the new timeline is in its
 *     latest checkpoint before any node is rewound from it.</li>
 * <li>{@link Fence}: stop (fast shutdown) a server that must not take writes while another node is primary:
 *     the old primary of a switchover, or a second primary. Precondition: running; a stopped one is left.</li>
 * <li>{@link Rewind}: pg_rewind the stopped node's data directory from the source server, with an
 *     unlinked 0600 passfile on descriptor 3; a data directory that was not shut down cleanly goes through crash recovery
 *     in single-user mode first. Precondition: the server is stopped.</li>
 * <li>{@link WaitForReplay}: wait until the node has replayed past the final checkpoint of the cleanly stopped
 *     source (the old primary of a switchover), read with pg_controldata at run time; fail after the
 *     timeout (the promotion that depends on it is then skipped). Precondition: the source is shut down
 *     cleanly.</li>
 * <li>{@link WaitForControlData}: wait until the standby's pg_controldata shows the primary's lowered hot-standby
 *     parameters (it has replayed their change), so that it can restart with them; fail after the timeout.</li>
 * <li>{@link VerifyReplication}: on the primary, take its current LSN, wait until every expected standby has
 *     replayed it, and check pg_stat_replication shows each one streaming through its slot.</li>
 * <li>{@link RecordApplied}: write the node's applied record (playbook, git commit, time, engine version;
 *     the commit and time are taken at run time).</li>
 * </ul>
 */
public sealed interface Task permits WriteFile, AppendLine, RemoveFile, EnsureDirectory, ResetAlterSystem,
        CreateRole, AlterRole, CreateSlot, DropSlot, Start, Stop, Restart, Reload, InitDb, BaseBackup, Promote,
        Checkpoint, Fence, Rewind, WaitForReplay, WaitForControlData, VerifyReplication, RecordApplied {

    /** Stable identifier, unique in a plan: {@code HOST/WHAT[/NAME]}. */
    String id();

    /** Inventory name of the node the task runs on. */
    String host();

    /** Why the task is needed, in one sentence. */
    String reason();

    TaskKind kind();

    Action action();

    /** One line saying what the task does, without secrets. */
    String summary();

    /** What a plan shows under the summary: file diffs, SQL, commands. */
    List<Detail> details();
}
