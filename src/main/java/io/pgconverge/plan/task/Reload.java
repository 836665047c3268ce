package io.pgconverge.plan.task;

import java.util.List;

/** Make the server re-read its configuration files (settings of sighup context and pg_hba.conf). */
public record Reload(String id, String host, ShellCommand command, String reason) implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.RELOAD;
    }

    @Override
    public Action action() {
        return Action.RUN;
    }

    @Override
    public String summary() {
        return "reload the configuration";
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Commands(List.of(command.line()), command.user()));
    }
}
