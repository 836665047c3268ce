package io.pgconverge.plan.task;

import io.pgconverge.plan.access.PasswordVerifier;
import io.pgconverge.plan.access.RoleStatement;
import io.pgconverge.plan.access.SqlStatement;

import java.util.List;
import java.util.Optional;

/**
 * Create a role on the primary (standbys receive it by replication).
 *
 * @param options  role options in SQL form ({@code LOGIN}, {@code NOSUPERUSER}, {@code CONNECTION LIMIT 5})
 * @param password the SCRAM-SHA-256 verifier to store, computed client-side; never shown
 */
public record CreateRole(String id, String host, String role, List<String> options,
                         Optional<PasswordVerifier> password, String reason) implements Task {
    public CreateRole {
        options = List.copyOf(options);
    }

    @Override
    public TaskKind kind() {
        return TaskKind.CREATE_ROLE;
    }

    @Override
    public Action action() {
        return Action.CREATE;
    }

    @Override
    public String summary() {
        return "create role " + role + (password.isPresent() ? " with password" : "");
    }

    public SqlStatement statement() {
        return RoleStatement.of("CREATE", role, options, password);
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Sql(List.of(statement().shown())));
    }
}
