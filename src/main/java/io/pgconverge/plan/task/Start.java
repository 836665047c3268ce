package io.pgconverge.plan.task;

import java.util.List;

/** Start the node's server with its service command; the command waits until the server runs. */
public record Start(String id, String host, ShellCommand command, String reason) implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.START;
    }

    @Override
    public Action action() {
        return Action.RUN;
    }

    @Override
    public String summary() {
        return "start the server";
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Commands(List.of(command.line()), command.user()));
    }
}
