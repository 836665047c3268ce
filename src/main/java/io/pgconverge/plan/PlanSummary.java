package io.pgconverge.plan;

import io.pgconverge.plan.task.RecordApplied;
import io.pgconverge.plan.task.Reload;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.VerifyReplication;

import java.util.List;

/**
 * Counts of a plan, Terraform-style: creations, in-place changes (replacements included), removals, other
 * commands, and restarts.
 */
public record PlanSummary(int add, int change, int remove, int run, int restarts) {
    public static PlanSummary of(List<Task> tasks) {
        int add = 0;
        int change = 0;
        int remove = 0;
        int run = 0;
        int restarts = 0;
        for (Task task : tasks) {
            switch (task.action()) {
                case CREATE:
                    add++;
                    break;
                case UPDATE:
                case REPLACE:
                    change++;
                    break;
                case DELETE:
                    remove++;
                    break;
                default:
                    if (task instanceof Restart) {
                        restarts++;
                    } else if (!(task instanceof Reload || task instanceof RecordApplied
                            || task instanceof VerifyReplication)) {
                        run++;
                    }
            }
        }
        return new PlanSummary(add, change, remove, run, restarts);
    }

    /** "Plan: 4 to add, 3 to change, 0 to remove; 1 restart." */
    public String line() {
        StringBuilder line = new StringBuilder("Plan: ").append(add).append(" to add, ").append(change)
                .append(" to change, ").append(remove).append(" to remove");
        if (run > 0) {
            line.append(", ").append(run).append(" to run");
        }
        if (restarts > 0) {
            line.append("; ").append(restarts).append(restarts == 1 ? " restart" : " restarts");
        }
        return line.append('.').toString();
    }
}
