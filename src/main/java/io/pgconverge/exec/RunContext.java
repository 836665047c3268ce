package io.pgconverge.exec;

import io.pgconverge.model.Host;
import io.pgconverge.plan.task.Task;
import io.pgconverge.transport.CommandResult;
import io.pgconverge.transport.PgSession;
import io.pgconverge.transport.RemoteShell;

import java.time.Duration;
import java.util.function.Consumer;

/** What a runner may use: the apply's connections, the task's own node, its listener, the apply's facts. */
record RunContext(NodeConnections connections, Task task, ExecListener listener, AppliedBy appliedBy) {
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    static final Duration LONG_TIMEOUT = Duration.ofHours(6);

    Host host() {
        return connections.host(task.host());
    }

    RemoteShell shell() {
        return connections.shell(task.host());
    }

    PgSession pg() {
        return connections.pg(task.host());
    }

    /** Hands a line of progress to the listener. */
    void progress(String line) {
        listener.progress(task, Progress.note(line));
    }

    /** Tells the listener which command of the task starts now. */
    void running(String command) {
        listener.commandStarted(task, command);
    }

    /** Runs a script on the task's node; a non-zero exit is a failure whose message quotes stderr. */
    CommandResult check(String script, Duration timeout, String what) {
        return check(script, timeout, what, line -> { });
    }

    /** As {@link #check(String, Duration, String)}, handing output lines to {@code lines} as they come. */
    CommandResult check(String script, Duration timeout, String what, Consumer<String> lines) {
        running(what);
        return ok(shell().run(script, timeout, lines), what);
    }

    /** As {@link #check(String, Duration, String)}, run as {@code who}. */
    CommandResult check(io.pgconverge.model.RunAs who, String script, Duration timeout, String what) {
        running(what);
        return ok(shell().run(who, script, timeout), what);
    }

    private CommandResult ok(CommandResult r, String what) {
        if (!r.ok()) {
            String err = r.stderr().isBlank() ? r.stdout() : r.stderr();
            throw new io.pgconverge.model.EngineException(task.host() + ": " + what + " failed (exit " + r.exitCode()
                    + "): " + lastLines(err, 5));
        }
        return r;
    }

    static String lastLines(String text, int n) {
        String[] lines = text.strip().split("\n");
        int from = Math.max(0, lines.length - n);
        return String.join(" | ", java.util.Arrays.asList(lines).subList(from, lines.length));
    }
}
