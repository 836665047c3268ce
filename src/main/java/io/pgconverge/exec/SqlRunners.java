package io.pgconverge.exec;

import io.pgconverge.model.EngineException;
import io.pgconverge.plan.access.SqlStatement;
import io.pgconverge.plan.access.SqlText;
import io.pgconverge.plan.task.AlterRole;
import io.pgconverge.plan.task.Checkpoint;
import io.pgconverge.plan.task.CreateRole;
import io.pgconverge.plan.task.CreateSlot;
import io.pgconverge.plan.task.DropSlot;
import io.pgconverge.plan.task.ResetAlterSystem;

import java.util.List;

/** Runners of the SQL tasks: ALTER SYSTEM RESET, roles, slots, checkpoint. */
final class SqlRunners {
    /** A standby that was just re-pointed may still hold the slot for a moment. */
    private static final java.time.Duration INACTIVE_WAIT = java.time.Duration.ofSeconds(15);

    private SqlRunners() {
    }

    /**
     * The engine's own commits (roles, slots) do not wait for synchronous standbys: those may not exist yet (a
     * cluster built from nothing) or be the very nodes the plan is about to rebuild.
     */
    static final String LOCAL_COMMIT = "SET synchronous_commit = local";

    private static void execute(RunContext context, SqlStatement statement) {
        context.pg().execute(List.of(LOCAL_COMMIT, statement.sql()));
    }

    private static boolean exists(RunContext context, String query) {
        return context.pg().queryValue("SELECT EXISTS (" + query + ")").strip().equals("t");
    }

    static final class ResetAlterSystemRunner implements TaskRunner<ResetAlterSystem> {
        @Override
        public String run(ResetAlterSystem task, RunContext context) {
            context.pg().execute(task.statements().stream().map(SqlStatement::sql).toList());
            return "reset " + String.join(", ", task.names());
        }
    }

    static final class CreateRoleRunner implements TaskRunner<CreateRole> {
        @Override
        public String run(CreateRole task, RunContext context) {
            if (exists(context, "SELECT 1 FROM pg_roles WHERE rolname = " + SqlText.literal(task.role()))) {
                throw new EngineException(task.host() + ": role " + task.role()
                        + " exists now although the plan found none; run plan again");
            }
            execute(context, task.statement());
            return "created";
        }
    }

    static final class AlterRoleRunner implements TaskRunner<AlterRole> {
        @Override
        public String run(AlterRole task, RunContext context) {
            execute(context, task.statement());
            return "altered";
        }
    }

    static final class CreateSlotRunner implements TaskRunner<CreateSlot> {
        @Override
        public String run(CreateSlot task, RunContext context) {
            if (exists(context, "SELECT 1 FROM pg_replication_slots WHERE slot_name = " + SqlText.literal(task.slot()))) {
                return "already present";
            }
            execute(context, task.statement());
            return "created";
        }
    }

    static final class DropSlotRunner implements TaskRunner<DropSlot> {
        @Override
        public String run(DropSlot task, RunContext context) {
            String where = "FROM pg_replication_slots WHERE slot_name = " + SqlText.literal(task.slot());
            if (!exists(context, "SELECT 1 " + where)) {
                return "already absent";
            }
            long deadline = System.nanoTime() + INACTIVE_WAIT.toNanos();
            while (exists(context, "SELECT 1 " + where + " AND active")) {
                if (System.nanoTime() > deadline) {
                    throw new EngineException(task.host() + ": slot " + task.slot()
                            + " is in use by a connected standby; it is not dropped");
                }
                ReplicationRunners.sleep(java.time.Duration.ofMillis(500));
            }
            execute(context, task.statement());
            return "dropped";
        }
    }

    static final class CheckpointRunner implements TaskRunner<Checkpoint> {
        @Override
        public String run(Checkpoint task, RunContext context) {
            execute(context, task.statement());
            return "checkpoint done";
        }
    }
}
