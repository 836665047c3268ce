package io.pgconverge.plan.task;

import java.util.List;

/** Stop the node's server (fast shutdown: a clean shutdown checkpoint) with its service command. */
public record Stop(String id, String host, ShellCommand command, String reason) implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.STOP;
    }

    @Override
    public Action action() {
        return Action.RUN;
    }

    @Override
    public String summary() {
        return "stop the server";
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Commands(List.of(command.line()), command.user()));
    }
}
