package io.pgconverge.plan;

import io.pgconverge.plan.task.Task;

import java.util.List;

/**
 * What an apply would do: the tasks in execution order, their dependency graph, warnings, refusals and a
 * summary. A plan with refusals is shown but never applied. Same inputs give an equal plan, and every
 * renderer gives byte-identical output for equal plans.
 *
 * @param playbook  the playbook the plan was made from
 * @param hosts     the cluster's hosts in inventory order (renderers group tasks by them)
 * @param refusals  reasons the plan will not act; non-empty means it must not be applied
 * @param needsYes  harm the plan does while it runs that the operator must accept: such a plan is applied only
 *                  with {@code apply --yes}, never on a terminal's answer
 */
public record Plan(String playbook, List<String> hosts, List<Task> tasks, PlanGraph graph, List<Notice> warnings,
                   List<Notice> refusals, List<Notice> needsYes, PlanSummary summary) {
    public Plan {
        hosts = List.copyOf(hosts);
        tasks = List.copyOf(tasks);
        warnings = List.copyOf(warnings);
        refusals = List.copyOf(refusals);
        needsYes = List.copyOf(needsYes);
    }

    public static Plan of(String playbook, List<String> hosts, PlanGraph graph, List<Notice> warnings,
                          List<Notice> refusals, List<Notice> needsYes) {
        return new Plan(playbook, hosts, graph.order(), graph, warnings, refusals, needsYes,
                PlanSummary.of(graph.order()));
    }

    public boolean hasChanges() {
        return !tasks.isEmpty();
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }

    /** The tasks of one host, in execution order. */
    public List<Task> tasksOf(String host) {
        return tasks.stream().filter(t -> t.host().equals(host)).toList();
    }
}
