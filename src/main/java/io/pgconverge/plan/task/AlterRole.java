package io.pgconverge.plan.task;

import io.pgconverge.plan.access.PasswordVerifier;
import io.pgconverge.plan.access.RoleStatement;
import io.pgconverge.plan.access.SqlStatement;

import java.util.List;
import java.util.Optional;

/**
 * Change attributes or the password of an existing role on the primary.
 *
 * @param options  the options to set, in SQL form
 * @param changes  what changes, for people: {@code login: false -> true}, {@code password: changed}
 * @param password the new SCRAM-SHA-256 verifier; empty when the password stays
 */
public record AlterRole(String id, String host, String role, List<String> options, List<String> changes,
                        Optional<PasswordVerifier> password, String reason) implements Task {
    public AlterRole {
        options = List.copyOf(options);
        changes = List.copyOf(changes);
    }

    @Override
    public TaskKind kind() {
        return TaskKind.ALTER_ROLE;
    }

    @Override
    public Action action() {
        return Action.UPDATE;
    }

    @Override
    public String summary() {
        return "alter role " + role + ": " + String.join(", ", changes);
    }

    public SqlStatement statement() {
        return RoleStatement.of("ALTER", role, options, password);
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Sql(List.of(statement().shown())));
    }
}
