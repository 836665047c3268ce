package io.pgconverge.exec;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Walks a DAG: a vertex runs once every vertex it depends on is done; independent vertices run in
 * parallel, at most {@code forks} at a time, ready ones taken in the order of a comparator. A failed
 * vertex's dependants, and theirs, are skipped with the failed vertex named; everything else finishes.
 */
public final class GraphWalker<T> {
    /** Hears when a vertex starts and ends; called from worker threads. */
    public interface Listener<T> {
        void started(T vertex);

        void finished(T vertex, TaskOutcome outcome);
    }

    private final Graph<T, DefaultEdge> graph;
    private final Comparator<T> order;
    private final Function<T, String> idOf;
    private final int forks;

    public GraphWalker(Graph<T, DefaultEdge> graph, Comparator<T> order, Function<T, String> idOf, int forks) {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1");
        }
        this.graph = graph;
        this.order = order;
        this.idOf = idOf;
        this.forks = forks;
    }

    /** Runs every vertex with {@code work}, which returns the vertex's outcome; returns outcomes in finish order. */
    public List<TaskOutcome> walk(Function<T, TaskOutcome> work, Listener<T> listener) {
        Map<T, Integer> waiting = new HashMap<>();
        graph.vertexSet().forEach(v -> waiting.put(v, graph.inDegreeOf(v)));
        Map<T, String> blockedBy = new HashMap<>();
        Map<T, TaskOutcome> outcomes = new LinkedHashMap<>();
        List<T> ready = new ArrayList<>(graph.vertexSet().stream().filter(v -> waiting.get(v) == 0).toList());
        LinkedBlockingQueue<Map.Entry<T, TaskOutcome>> finished = new LinkedBlockingQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(forks, r -> {
            Thread t = new Thread(r, "pgconverge-task");
            t.setDaemon(true);
            return t;
        });
        int running = 0;
        try {
            while (outcomes.size() < graph.vertexSet().size()) {
                ready.sort(order);
                while (!ready.isEmpty() && running < forks) {
                    T v = ready.remove(0);
                    if (blockedBy.containsKey(v)) {
                        finished.add(Map.entry(v, TaskOutcome.skipped(idOf.apply(v),
                                "not run: " + blockedBy.get(v) + " did not complete")));
                    } else {
                        listener.started(v);
                        pool.submit(() -> finished.add(Map.entry(v, runOne(v, work))));
                    }
                    running++;
                }
                Map.Entry<T, TaskOutcome> done = finished.take();
                running--;
                T v = done.getKey();
                outcomes.put(v, done.getValue());
                listener.finished(v, done.getValue());
                for (DefaultEdge e : graph.outgoingEdgesOf(v)) {
                    T next = graph.getEdgeTarget(e);
                    if (done.getValue().state() != TaskState.DONE) {
                        blockedBy.putIfAbsent(next, blockedBy.getOrDefault(v, idOf.apply(v)));
                    }
                    if (waiting.merge(next, -1, Integer::sum) == 0) {
                        ready.add(next);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(outcomes.values());
    }

    private TaskOutcome runOne(T v, Function<T, TaskOutcome> work) {
        long start = System.nanoTime();
        try {
            return work.apply(v);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return TaskOutcome.failed(idOf.apply(v), message, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
