package io.pgconverge.exec;

import io.pgconverge.plan.Plan;
import io.pgconverge.plan.task.Task;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan: its tasks in dependency order, independent ones in parallel (at most {@code forks}); a failed
 * task's dependants are skipped, everything else finishes. Tells a listener what happens; never prints.
 */
public final class Executor {
    private final NodeConnections connections;
    private final AppliedBy appliedBy;
    private final int forks;
    private final Runners runners = new Runners();

    public Executor(NodeConnections connections, AppliedBy appliedBy, int forks) {
        this.connections = connections;
        this.appliedBy = appliedBy;
        this.forks = forks;
    }

    public ApplyResult apply(Plan plan, ExecListener listener) {
        DirectedAcyclicGraph<Task, DefaultEdge> dag = new DirectedAcyclicGraph<>(DefaultEdge.class);
        Map<String, Task> byId = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        List<Task> tasks = plan.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            dag.addVertex(tasks.get(i));
            byId.put(tasks.get(i).id(), tasks.get(i));
            position.put(tasks.get(i).id(), i);
        }
        for (List<String> edge : plan.graph().edges()) {
            dag.addEdge(byId.get(edge.get(0)), byId.get(edge.get(1)));
        }
        GraphWalker<Task> walker = new GraphWalker<>(dag, Comparator.comparing(t -> position.get(t.id())), Task::id,
                forks);
        List<TaskOutcome> outcomes = walker.walk(task -> run(task, listener), new GraphWalker.Listener<>() {
            @Override
            public void started(Task vertex) {
                listener.taskStarted(vertex);
            }

            @Override
            public void finished(Task vertex, TaskOutcome outcome) {
                listener.taskFinished(vertex, outcome);
            }
        });
        return new ApplyResult(outcomes);
    }

    private TaskOutcome run(Task task, ExecListener listener) {
        TestKillSwitch.beforeTask(task);
        long start = System.nanoTime();
        RunContext context = new RunContext(connections, task, listener, appliedBy);
        String detail = runners.run(task, context);
        return TaskOutcome.done(task.id(), detail, Duration.ofNanos(System.nanoTime() - start));
    }
}
