package io.pgconverge.plan;

import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.TaskKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A plan cut down to the hosts of {@code --limit}: their tasks only. Refused, naming the reason, when a kept task
 * needs a task of a host left out (a base backup needs its slot on the primary), or when the primary changes and a
 * host left out would keep following the old one. Replication is verified only when no host with work is left out.
 */
public final class PlanLimit {
    private PlanLimit() {
    }

    public static Plan apply(Plan plan, List<String> selected) {
        if (selected.containsAll(plan.hosts())) {
            return plan;
        }
        Set<String> leftOut = new LinkedHashSet<>();
        plan.tasks().stream().map(Task::host).filter(h -> !selected.contains(h)).forEach(leftOut::add);
        Predicate<Task> kept = t -> selected.contains(t.host())
                && !(t.kind() == TaskKind.VERIFY_REPLICATION && !leftOut.isEmpty());
        Set<String> refusals = new LinkedHashSet<>();
        for (Task task : plan.tasks()) {
            if (!kept.test(task)) {
                continue;
            }
            for (String dependency : plan.graph().dependencies(task.id())) {
                String host = plan.graph().task(dependency).host();
                if (!selected.contains(host)) {
                    refusals.add(task.host() + ": " + task.id() + " needs " + dependency + ", which --limit leaves"
                            + " out; add " + host + " to --limit");
                }
            }
        }
        boolean primaryChanges = plan.tasks().stream().anyMatch(t -> t.kind() == TaskKind.PROMOTE);
        if (primaryChanges) {
            leftOut.forEach(h -> refusals.add(h + ": the primary changes in this plan and " + h + " would keep"
                    + " following the old one; add " + h + " to --limit"));
        }
        List<Notice> refused = new ArrayList<>(plan.refusals());
        refusals.forEach(r -> refused.add(Notice.cluster(r)));
        List<Notice> warnings = new ArrayList<>(plan.warnings());
        leftOut.forEach(h -> warnings.add(Notice.about(h, plan.tasksOf(h).size() + " task(s) left out by --limit")));
        plan.tasks().stream().filter(t -> t.kind() == TaskKind.VERIFY_REPLICATION && !kept.test(t)).findFirst()
                .ifPresent(t -> warnings.add(Notice.cluster("replication is not verified: --limit leaves out "
                        + String.join(", ", leftOut))));
        return Plan.of(plan.playbook(), plan.hosts(), plan.graph().restrictedTo(kept), warnings, refused,
                plan.needsYes());
    }
}
