package io.pgconverge.plan.task;

import java.util.List;

/**
 * Restart the node's server: at most one per node per apply; it also covers every reload the node needs.
 *
 * @param settings the parameters whose change needs the restart (postmaster context, or unknown)
 */
public record Restart(String id, String host, ShellCommand command, List<String> settings, String reason)
        implements Task {
    public Restart {
        settings = List.copyOf(settings);
    }

    @Override
    public TaskKind kind() {
        return TaskKind.RESTART;
    }

    @Override
    public Action action() {
        return Action.RUN;
    }

    @Override
    public String summary() {
        return settings.isEmpty() ? "restart the server" : "restart the server for " + String.join(", ", settings);
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Commands(List.of(command.line()), command.user()));
    }
}
