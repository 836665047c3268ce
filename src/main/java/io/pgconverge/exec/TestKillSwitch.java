package io.pgconverge.exec;

import io.pgconverge.plan.task.Task;

import java.util.Optional;

/**
 * For fault-injection tests only: when the environment variable {@value #VARIABLE} names a task id, the process
 * halts (as kill -9 would: no shutdown hooks, no lock released, connections dropped) just before that task runs.
 * Unset, it does nothing.
 */
final class TestKillSwitch {
    static final String VARIABLE = "PGCONVERGE_TEST_KILL_AT";
    private static final Optional<String> TARGET = Optional.ofNullable(System.getenv(VARIABLE)).filter(s -> !s.isBlank());

    private TestKillSwitch() {
    }

    static void beforeTask(Task task) {
        if (TARGET.filter(task.id()::equals).isPresent()) {
            System.err.println("killed before " + task.id() + " (" + VARIABLE + ")");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
