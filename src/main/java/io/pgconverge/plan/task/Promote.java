package io.pgconverge.plan.task;

import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.plan.access.SqlStatement;
import io.pgconverge.plan.service.ServiceCommands;

import java.util.List;
import java.util.Optional;

/**
 * Promote a standby to primary. From PostgreSQL 12 by SQL ({@code pg_promote(wait => true)}), before that by
 * the service command; exactly one of the two is present.
 */
public record Promote(String id, String host, Optional<SqlStatement> sql, Optional<ShellCommand> command, String reason)
        implements Task {
    public static Promote of(String id, String host, int pgVersion, ServiceCommands service, String reason) {
        if (PgMajorVersion.atLeast(pgVersion, 12)) {
            return new Promote(id, host, Optional.of(SqlStatement.of("SELECT pg_promote(wait => true)")),
                    Optional.empty(), reason);
        }
        return new Promote(id, host, Optional.empty(), Optional.of(service.promote()), reason);
    }

    @Override
    public TaskKind kind() {
        return TaskKind.PROMOTE;
    }

    @Override
    public Action action() {
        return Action.RUN;
    }

    @Override
    public String summary() {
        return "promote to primary";
    }

    @Override
    public List<Detail> details() {
        if (sql.isPresent()) {
            return List.of(new Detail.Sql(List.of(sql.get().shown())));
        }
        return List.of(new Detail.Commands(List.of(command.orElseThrow().line()), command.orElseThrow().user()));
    }
}
