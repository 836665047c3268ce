package io.pgconverge.plan.rolling;

import io.pgconverge.plan.NodeWork;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a rolling restart adds to a plan while it is assembled: tasks on nodes (waits), dependencies between the
 * nodes' restarts, and the reason each restart shows for its place in the sequence.
 */
public final class RollingSequence {
    /** {@code after} runs only once {@code before} succeeded. */
    public record Edge(Task before, Task after) {
    }

    private final List<Edge> edges = new ArrayList<>();

    /** The dependencies between the tasks of different nodes, for the plan graph. */
    public List<Edge> edges() {
        return List.copyOf(edges);
    }

    void edge(Task before, Task after) {
        edges.add(new Edge(before, after));
    }

    void add(NodeWork node, Task task) {
        node.rolling.add(task);
    }

    /** Puts {@code why} in front of the reason of the node's restart (the graph links tasks by id). */
    void explain(NodeWork node, String why) {
        if (node.activation.orElse(null) instanceof Restart r) {
            node.activation = Optional.of(new Restart(r.id(), r.host(), r.command(), r.settings(),
                    why + "; " + r.reason()));
        }
    }
}
