package io.pgconverge.exec;

import io.pgconverge.model.EngineException;
import io.pgconverge.model.PgLayout;
import io.pgconverge.plan.service.ServiceControl;
import io.pgconverge.plan.task.ShellCommand;
import io.pgconverge.transport.CommandResult;
import io.pgconverge.model.ShellWords;

import java.time.Duration;

/** Server state checks and service commands on the task's node, with the server log's tail on failure. */
final class ServerControl {
    private final RunContext context;

    ServerControl(RunContext context) {
        this.context = context;
    }

    /** pg_ctl status: a postmaster runs for the data directory. */
    boolean running() {
        PgLayout pg = context.host().pg();
        CommandResult r = context.shell().run(ShellWords.quote(pg.binDir() + "/pg_ctl") + " status -D "
                + ShellWords.quote(pg.dataDir()) + " >/dev/null 2>&1\n", RunContext.COMMAND_TIMEOUT);
        return r.exitCode() == 0;
    }

    /** Runs a start / restart / reload command; when it fails, the message ends with the server log's tail. */
    void serviceCommand(ShellCommand command, String what) {
        context.running(command.line());
        CommandResult r = context.shell().run(command.runAs(), command.line() + "\n", Duration.ofMinutes(10));
        if (!r.ok()) {
            throw new EngineException(context.task().host() + ": " + what + " failed (exit " + r.exitCode() + "): "
                    + RunContext.lastLines(r.stderr().isBlank() ? r.stdout() : r.stderr(), 3) + logTail());
        }
    }

    /** Waits until the server accepts connections on its socket. */
    void awaitReady(Duration timeout) {
        PgLayout pg = context.host().pg();
        context.running("pg_isready: waiting up to " + timeout.toSeconds() + " s for the server");
        String script = "for i in $(seq 1 " + Math.max(1, timeout.toSeconds() * 2) + "); do "
                + ShellWords.quote(pg.binDir() + "/pg_isready") + " -q -h " + ShellWords.quote(pg.socketDir())
                + " -p " + pg.port() + " && exit 0; sleep 0.5; done; exit 1\n";
        if (!context.shell().run(script, timeout.plusSeconds(10)).ok()) {
            throw new EngineException(context.task().host() + ": the server does not accept connections after "
                    + timeout.toSeconds() + " s" + logTail());
        }
    }

    /** pg_controldata of the task's node (readable with the server down). */
    io.pgconverge.facts.ControlData controlData() {
        return controlData(context.shell(), context.host().pg());
    }

    static io.pgconverge.facts.ControlData controlData(io.pgconverge.transport.RemoteShell shell, PgLayout pg) {
        CommandResult r = shell.run("LC_ALL=C " + ShellWords.quote(pg.binDir() + "/pg_controldata") + " "
                + ShellWords.quote(pg.dataDir()) + "\n", RunContext.COMMAND_TIMEOUT);
        if (!r.ok()) {
            throw new EngineException("pg_controldata " + pg.dataDir() + " failed: " + RunContext.lastLines(
                    r.stderr().isBlank() ? r.stdout() : r.stderr(), 3));
        }
        return io.pgconverge.facts.ControlData.parse(r.stdout());
    }

    /**
     * Why the server says it stopped or did not start: the node, its log path and the last FATAL line with its
     * DETAIL and HINT; then the log's last lines.
     */
    String logTail() {
        String log = logFile(context.host().pg());
        CommandResult r = context.shell().run("tail -n 60 " + ShellWords.quote(log) + " 2>/dev/null\n",
                RunContext.COMMAND_TIMEOUT);
        if (r.stdout().isBlank()) {
            return "; the server log " + log + " is empty or unreadable";
        }
        java.util.List<String> why = io.pgconverge.facts.ServerLogReasons.of(r.stdout());
        String says = why.isEmpty() ? "" : "\n" + context.task().host() + "'s server log " + log + " says: "
                + String.join(" | ", why);
        String[] lines = r.stdout().stripTrailing().split("\n");
        String last = String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 10),
                lines.length));
        return says + "\n--- last lines of " + log + " ---\n" + last;
    }

    static String logFile(PgLayout pg) {
        return ServiceControl.of(pg).serverLog();
    }
}
