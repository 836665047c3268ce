package io.pgconverge.plan.task;

import io.pgconverge.plan.access.SqlStatement;
import io.pgconverge.plan.access.SqlText;

import java.util.List;

/** Drop a physical replication slot the engine created for a host that left the cluster (it holds WAL). */
public record DropSlot(String id, String host, String slot, String reason) implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.DROP_SLOT;
    }

    @Override
    public Action action() {
        return Action.DELETE;
    }

    @Override
    public String summary() {
        return "drop replication slot " + slot;
    }

    public SqlStatement statement() {
        return SqlStatement.of("SELECT pg_drop_replication_slot(" + SqlText.literal(slot) + ")");
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Sql(List.of(statement().shown())));
    }
}
