package io.pgconverge.plan;

import io.pgconverge.model.RunAs;
import io.pgconverge.plan.task.ShellCommand;
import io.pgconverge.model.EngineException;
import io.pgconverge.plan.task.Checkpoint;
import io.pgconverge.plan.task.Reload;
import io.pgconverge.plan.task.Start;
import io.pgconverge.plan.task.Task;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlanGraphTest {
    private static Task reload(String host) {
        return new Reload(host + "/reload", host, new ShellCommand("reload", RunAs.SERVER_USER, "postgres"), "r");
    }

    private static Task start(String host) {
        return new Start(host + "/start", host, new ShellCommand("start", RunAs.SERVER_USER, "postgres"), "r");
    }

    private static Task check(String host) {
        return new Checkpoint(host + "/checkpoint", host, "r");
    }

    @Test
    void aCycleIsRefusedAndNamed() {
        Task a = reload("a");
        Task b = reload("b");
        Task c = reload("c");
        PlanGraph.Builder builder = PlanGraph.builder().add(a).add(b).add(c).edge(a, b).edge(b, c);
        EngineException e = assertThrows(EngineException.class, () -> builder.edge(c, a));
        assertEquals("The plan has a dependency cycle: a/reload -> b/reload -> c/reload -> a/reload.", e.getMessage());
    }

    @Test
    void aDuplicateIdIsRefused() {
        EngineException e = assertThrows(EngineException.class, () -> PlanGraph.builder().add(reload("a")).add(reload("a")));
        assertEquals("Two tasks have the id a/reload.", e.getMessage());
    }

    @Test
    void independentTasksFollowTheTieBreakerAndDependenciesWin() {
        Task a1 = reload("a");
        Task a2 = start("a");
        Task b1 = check("b");
        Task b2 = reload("b");
        Comparator<Task> byHostThenKind = Comparator.comparing(Task::host).thenComparing(Task::kind)
                .thenComparing(Task::id);
        PlanGraph graph = PlanGraph.builder().add(b2).add(b1).add(a1).add(a2).edge(b2, a2).build(byHostThenKind);
        assertEquals(List.of("a/reload", "b/reload", "a/start", "b/checkpoint"),
                graph.order().stream().map(Task::id).toList());
        assertEquals(List.of(List.of("b/reload", "a/start")), graph.edges());
        assertEquals(java.util.Set.of("b/reload"), graph.dependencies("a/start"));
        assertEquals(java.util.Set.of("a/start"), graph.dependents("b/reload"));
    }
}
