package io.pgconverge.plan.task;

import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.plan.access.SqlStatement;
import io.pgconverge.plan.access.SqlText;

import java.util.List;

/**
 * Create a physical replication slot on the primary for a standby. From 9.6 on the slot reserves WAL at
 * once, so nothing the standby needs is removed before it connects.
 *
 * @param forHost   the standby the slot serves
 * @param pgVersion major version of the primary
 */
public record CreateSlot(String id, String host, String slot, String forHost, int pgVersion, String reason)
        implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.CREATE_SLOT;
    }

    @Override
    public Action action() {
        return Action.CREATE;
    }

    @Override
    public String summary() {
        return "create replication slot " + slot + " for " + forHost;
    }

    public SqlStatement statement() {
        String reserve = PgMajorVersion.atLeast(pgVersion, 906) ? ", true" : "";
        return SqlStatement.of("SELECT pg_create_physical_replication_slot(" + SqlText.literal(slot) + reserve + ")");
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Sql(List.of(statement().shown())));
    }
}
