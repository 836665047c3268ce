package io.pgconverge.plan.task;

import java.util.List;

/**
 * Record on the node what was applied: the playbook's path, its git commit when it is in a repository, the
 * time and the engine version; the commit and time are taken at run time. {@code facts} reads it back.
 */
public record RecordApplied(String id, String host, String path, String playbook, String reason) implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.RECORD_APPLIED;
    }

    @Override
    public Action action() {
        return Action.RUN;
    }

    @Override
    public String summary() {
        return "record the apply in " + path;
    }

    @Override
    public List<Detail> details() {
        return List.of();
    }
}
