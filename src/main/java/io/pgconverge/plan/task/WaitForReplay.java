package io.pgconverge.plan.task;

import java.time.Duration;
import java.util.List;

/**
 * Wait until this standby has received and replayed everything {@code source} wrote (for a planned
 * switchover: the old primary's final LSN after its clean shutdown, read at run time); fail after
 * {@code timeout}.
 */
public record WaitForReplay(String id, String host, String source, Duration timeout, String reason)
        implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.WAIT_FOR_REPLAY;
    }

    @Override
    public Action action() {
        return Action.RUN;
    }

    @Override
    public String summary() {
        return "wait until everything written on " + source + " is replayed (at most " + timeout.toSeconds() + " s)";
    }

    @Override
    public List<Detail> details() {
        return List.of();
    }
}
