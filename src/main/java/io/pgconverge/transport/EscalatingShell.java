package io.pgconverge.transport;

import io.pgconverge.model.RunAs;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What every shell does alike: a script runs as the PostgreSQL OS user unless told otherwise, through the host's
 * escalation (asked once per connection), on the script's standard input. A shell supplies only how one command
 * line runs with its standard input: an SSH channel or a local process.
 */
abstract class EscalatingShell implements RemoteShell {
    private final Escalations escalations;

    EscalatingShell(Escalations escalations) {
        this.escalations = escalations;
    }

    /** Runs one command line with {@code stdin} as its standard input; a non-zero exit status is no exception. */
    abstract CommandResult exec(List<String> commandLine, byte[] stdin, Duration timeout, Consumer<String> lines);

    @Override
    public CommandResult run(String script, Duration timeout) {
        return run(RunAs.SERVER_USER, script, timeout, line -> { });
    }

    @Override
    public CommandResult run(String script, Duration timeout, Consumer<String> lines) {
        return run(RunAs.SERVER_USER, script, timeout, lines);
    }

    @Override
    public CommandResult run(RunAs who, String script, Duration timeout, Consumer<String> lines) {
        Escalation escalation = escalations.forRun(who, this::exec);
        return exec(escalation.command(), ScriptInput.of(escalation, script), timeout, lines);
    }

    @Override
    public void checkRunAs(RunAs who) {
        escalations.forRun(who, this::exec);
    }
}
