package io.pgconverge.plan.task;

import io.pgconverge.plan.access.SqlStatement;
import io.pgconverge.plan.access.SqlText;

import java.util.List;

/**
 * Remove values set with ALTER SYSTEM (postgresql.auto.conf, which wins over every other file) for
 * parameters the playbook manages: drift that the next reload or restart of the node undoes.
 */
public record ResetAlterSystem(String id, String host, List<String> names, String reason) implements Task {
    public ResetAlterSystem {
        names = List.copyOf(names);
    }

    @Override
    public TaskKind kind() {
        return TaskKind.RESET_ALTER_SYSTEM;
    }

    @Override
    public Action action() {
        return Action.UPDATE;
    }

    @Override
    public String summary() {
        return "reset ALTER SYSTEM value of " + String.join(", ", names);
    }

    public List<SqlStatement> statements() {
        return names.stream().map(n -> SqlStatement.of("ALTER SYSTEM RESET " + SqlText.identifier(n))).toList();
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Sql(statements().stream().map(SqlStatement::shown).toList()));
    }
}
