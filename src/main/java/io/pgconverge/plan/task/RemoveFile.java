package io.pgconverge.plan.task;

import java.util.List;
import java.util.Optional;

/** Remove a file the engine owns (a standby.signal or recovery.conf that no longer applies). */
public record RemoveFile(String id, String host, String path, Optional<String> before, String reason)
        implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.REMOVE_FILE;
    }

    @Override
    public Action action() {
        return Action.DELETE;
    }

    @Override
    public String summary() {
        return "remove " + path;
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.FileChange(path, before, Optional.empty(), false));
    }
}
