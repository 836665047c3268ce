package io.pgconverge.exec;

import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphWalkerTest {
    private static DirectedAcyclicGraph<String, DefaultEdge> graph(String... edges) {
        DirectedAcyclicGraph<String, DefaultEdge> g = new DirectedAcyclicGraph<>(DefaultEdge.class);
        for (String e : edges) {
            String[] p = e.split(">");
            g.addVertex(p[0]);
            if (p.length > 1) {
                g.addVertex(p[1]);
                g.addEdge(p[0], p[1]);
            }
        }
        return g;
    }

    private static final GraphWalker.Listener<String> QUIET = new GraphWalker.Listener<>() {
        @Override
        public void started(String vertex) {
        }

        @Override
        public void finished(String vertex, TaskOutcome outcome) {
        }
    };

    private static Map<String, TaskState> states(List<TaskOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.toMap(TaskOutcome::taskId, TaskOutcome::state));
    }

    @Test
    void runsDependenciesBeforeDependants() {
        var g = graph("a>b", "b>c", "a>d");
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        new GraphWalker<>(g, Comparator.<String>naturalOrder(), Function.identity(), 1)
                .walk(v -> {
                    order.add(v);
                    return TaskOutcome.done(v, "", Duration.ZERO);
                }, QUIET);
        assertEquals(List.of("a", "b", "c", "d"), order);
    }

    @Test
    void failureSkipsOnlyItsDependants() {
        var g = graph("a>b", "b>c", "x>y");
        var outcomes = new GraphWalker<>(g, Comparator.<String>naturalOrder(), Function.identity(), 2)
                .walk(v -> v.equals("a") ? TaskOutcome.failed(v, "boom", Duration.ZERO)
                        : TaskOutcome.done(v, "", Duration.ZERO), QUIET);
        Map<String, TaskState> s = states(outcomes);
        assertEquals(TaskState.FAILED, s.get("a"));
        assertEquals(TaskState.SKIPPED, s.get("b"));
        assertEquals(TaskState.SKIPPED, s.get("c"));
        assertEquals(TaskState.DONE, s.get("x"));
        assertEquals(TaskState.DONE, s.get("y"));
        assertTrue(outcomes.stream().filter(o -> o.taskId().equals("c")).findFirst().orElseThrow()
                .detail().contains("a did not complete"));
    }

    @Test
    void anExceptionIsAFailure() {
        var g = graph("a>b");
        var outcomes = new GraphWalker<>(g, Comparator.<String>naturalOrder(), Function.identity(), 1)
                .walk(v -> {
                    throw new IllegalStateException("no route to node");
                }, QUIET);
        assertEquals(Map.of("a", TaskState.FAILED, "b", TaskState.SKIPPED), states(outcomes));
    }

    @Test
    void independentBranchesRunInParallel() throws Exception {
        var g = graph("a", "b");
        CountDownLatch both = new CountDownLatch(2);
        Set<String> met = ConcurrentHashMap.newKeySet();
        new GraphWalker<>(g, Comparator.<String>naturalOrder(), Function.identity(), 2)
                .walk(v -> {
                    both.countDown();
                    try {
                        if (both.await(5, TimeUnit.SECONDS)) {
                            met.add(v);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return TaskOutcome.done(v, "", Duration.ZERO);
                }, QUIET);
        assertEquals(Set.of("a", "b"), met);
    }
}
