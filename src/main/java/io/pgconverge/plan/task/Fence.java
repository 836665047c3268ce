package io.pgconverge.plan.task;

import java.util.List;

/**
 * Fence a server that must not take writes while another node is primary: stop it with {@code command}
 * (a fast shutdown for a planned switchover, whose shutdown checkpoint reaches the standbys; an immediate
 * one for a split brain).
 */
public record Fence(String id, String host, ShellCommand command, String reason) implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.FENCE;
    }

    @Override
    public Action action() {
        return Action.RUN;
    }

    @Override
    public String summary() {
        return "fence: stop the server so that it takes no writes";
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Commands(List.of(command.line()), command.user()));
    }
}
