package io.pgconverge.exec;

import java.util.List;

/** How an apply ended: every task's outcome in finish order. */
public record ApplyResult(List<TaskOutcome> outcomes) {
    public ApplyResult {
        outcomes = List.copyOf(outcomes);
    }

    public long count(TaskState state) {
        return outcomes.stream().filter(o -> o.state() == state).count();
    }

    public boolean succeeded() {
        return outcomes.stream().allMatch(o -> o.state() == TaskState.DONE);
    }
}
