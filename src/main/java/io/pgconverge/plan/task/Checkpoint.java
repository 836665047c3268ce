package io.pgconverge.plan.task;

import io.pgconverge.plan.access.SqlStatement;

import java.util.List;

/** Run CHECKPOINT: a newly promoted primary's first checkpoint, which pg_rewind needs to see the new timeline. */
public record Checkpoint(String id, String host, String reason) implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.CHECKPOINT;
    }

    @Override
    public Action action() {
        return Action.RUN;
    }

    @Override
    public String summary() {
        return "checkpoint";
    }

    public SqlStatement statement() {
        return SqlStatement.of("CHECKPOINT");
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Sql(List.of(statement().shown())));
    }
}
