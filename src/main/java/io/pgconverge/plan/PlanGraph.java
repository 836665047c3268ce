package io.pgconverge.plan;

import io.pgconverge.model.EngineException;
import io.pgconverge.plan.task.Task;
import org.jgrapht.Graph;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;
import org.jgrapht.traverse.TopologicalOrderIterator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tasks of a plan and their dependencies, a directed acyclic graph over task ids (JGraphT). An edge
 * {@code a -> b} means b runs only after a succeeded. Built once by {@link Builder}, read-only afterwards.
 */
public final class PlanGraph {
    private final Map<String, Task> tasks;
    private final Graph<String, DefaultEdge> graph;
    private final List<Task> order;

    private PlanGraph(Map<String, Task> tasks, Graph<String, DefaultEdge> graph, Comparator<Task> tieBreaker) {
        this.tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        this.graph = graph;
        List<Task> sorted = new ArrayList<>();
        Comparator<String> byTask = (a, b) -> tieBreaker.compare(tasks.get(a), tasks.get(b));
        new TopologicalOrderIterator<>(graph, byTask).forEachRemaining(id -> sorted.add(tasks.get(id)));
        this.order = List.copyOf(sorted);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every task in execution order: topological, ties broken by the comparator the plan was built with. */
    public List<Task> order() {
        return order;
    }

    public Task task(String id) {
        Task task = tasks.get(id);
        if (task == null) {
            throw new EngineException("The plan has no task " + id + ".");
        }
        return task;
    }

    /** Ids of the tasks that must succeed before this one, sorted. */
    public Set<String> dependencies(String id) {
        Set<String> ids = new TreeSet<>();
        graph.incomingEdgesOf(id).forEach(e -> ids.add(graph.getEdgeSource(e)));
        return Collections.unmodifiableSet(ids);
    }

    /** Ids of the tasks that wait for this one, sorted. */
    public Set<String> dependents(String id) {
        Set<String> ids = new TreeSet<>();
        graph.outgoingEdgesOf(id).forEach(e -> ids.add(graph.getEdgeTarget(e)));
        return Collections.unmodifiableSet(ids);
    }

    /**
     * The graph of the kept tasks only, with the edges between them, in this graph's execution order.
     */
    public PlanGraph restrictedTo(java.util.function.Predicate<Task> keep) {
        Map<String, Task> kept = new LinkedHashMap<>();
        order.stream().filter(keep).forEach(t -> kept.put(t.id(), t));
        DirectedAcyclicGraph<String, DefaultEdge> sub = new DirectedAcyclicGraph<>(DefaultEdge.class);
        kept.keySet().forEach(sub::addVertex);
        graph.edgeSet().stream().filter(e -> kept.containsKey(graph.getEdgeSource(e))
                && kept.containsKey(graph.getEdgeTarget(e)))
                .forEach(e -> sub.addEdge(graph.getEdgeSource(e), graph.getEdgeTarget(e)));
        List<Task> ids = List.copyOf(kept.values());
        return new PlanGraph(kept, sub, Comparator.comparingInt(ids::indexOf));
    }

    /** Every edge as {@code [from, to]}, in execution order of {@code to}, then of {@code from}. */
    public List<List<String>> edges() {
        Map<String, Integer> position = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i).id(), i);
        }
        List<List<String>> edges = new ArrayList<>();
        for (Task task : order) {
            dependencies(task.id()).stream().sorted(Comparator.comparing(position::get))
                    .forEach(from -> edges.add(List.of(from, task.id())));
        }
        return edges;
    }

    /** Collects tasks and edges; refuses a duplicate id and an edge that closes a cycle, naming the cycle. */
    public static final class Builder {
        private final Map<String, Task> tasks = new LinkedHashMap<>();
        private final DirectedAcyclicGraph<String, DefaultEdge> graph = new DirectedAcyclicGraph<>(DefaultEdge.class);

        public Builder add(Task task) {
            if (tasks.putIfAbsent(task.id(), task) != null) {
                throw new EngineException("Two tasks have the id " + task.id() + ".");
            }
            graph.addVertex(task.id());
            return this;
        }

        public boolean contains(String id) {
            return tasks.containsKey(id);
        }

        /** Ids of the tasks added so far that wait for this one. */
        public Set<String> dependentsOf(String id) {
            Set<String> ids = new TreeSet<>();
            graph.outgoingEdgesOf(id).forEach(e -> ids.add(graph.getEdgeTarget(e)));
            return ids;
        }

        public List<Task> tasks() {
            return List.copyOf(tasks.values());
        }

        /** {@code after} runs only once {@code before} succeeded. */
        public Builder edge(Task before, Task after) {
            if (!tasks.containsKey(before.id()) || !tasks.containsKey(after.id())) {
                throw new EngineException("An edge joins a task that is not in the plan: "
                        + before.id() + " -> " + after.id() + ".");
            }
            if (before.id().equals(after.id())) {
                throw new EngineException("Task " + before.id() + " would depend on itself.");
            }
            try {
                graph.addEdge(before.id(), after.id());
            } catch (IllegalArgumentException cycle) {
                throw new EngineException("The plan has a dependency cycle: " + cycle(before.id(), after.id()) + ".");
            }
            return this;
        }

        private String cycle(String from, String to) {
            List<String> path = new BFSShortestPath<>(graph).getPath(to, from).getVertexList();
            return String.join(" -> ", path) + " -> " + to;
        }

        public PlanGraph build(Comparator<Task> tieBreaker) {
            DirectedAcyclicGraph<String, DefaultEdge> copy = new DirectedAcyclicGraph<>(DefaultEdge.class);
            graph.vertexSet().forEach(copy::addVertex);
            graph.edgeSet().forEach(e -> copy.addEdge(graph.getEdgeSource(e), graph.getEdgeTarget(e)));
            return new PlanGraph(tasks, copy, tieBreaker);
        }
    }
}
