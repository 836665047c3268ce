package io.pgconverge.transport;

import io.pgconverge.model.RunAs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every shell does alike: a script runs as the PostgreSQL OS user unless told otherwise, through the host's
 * escalation (asked once per connection), on the script's standard input. A shell supplies only how one command
 * line runs with its standard input: an SSH channel or a local process.
 */
abstract class EscalatingShell implements RemoteShell {
    /**
     * The first line of a script run with an escalation not yet known to work: seeing it printed shows that the
     * escalation started the script (sudo prints nothing on standard output when it refuses), so the first script
     * is its own probe.
     */
    private static final String STARTED = "echo @@pgconverge-started";
    private static final String STARTED_LINE = "@@pgconverge-started\n";
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
        Optional<Escalation> untried = escalations.untried(who);
        if (untried.isPresent()) {
            CommandResult r = exec(untried.get().command(), ScriptInput.of(untried.get(), STARTED + "\n" + script),
                    timeout, new WithoutMarker(lines));
            int marker = r.stdout().startsWith(STARTED_LINE) ? 0 : r.stdout().indexOf("\n" + STARTED_LINE);
            if (marker >= 0) {
                int from = marker == 0 ? 0 : marker + 1;
                escalations.started(who, untried.get());
                return new CommandResult(r.exitCode(), r.stdout().substring(0, from)
                        + r.stdout().substring(from + STARTED_LINE.length()), r.stderr());
            }
            Escalation escalation = escalations.afterRefusal(who, r, this::exec);
            return exec(escalation.command(), ScriptInput.of(escalation, script), timeout, lines);
        }
        Escalation escalation = escalations.forRun(who, this::exec);
        return exec(escalation.command(), ScriptInput.of(escalation, script), timeout, lines);
    }

    @Override
    public void checkRunAs(RunAs who) {
        escalations.forRun(who, this::exec);
    }

    /**
     * Passes on every line but the started marker (the first such line; what a login prints before the script, such
     * as a banner, is passed on as it would be without the marker).
     */
    private static final class WithoutMarker implements Consumer<String> {
        private final Consumer<String> lines;
        private boolean seen;

        WithoutMarker(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void accept(String line) {
            if (!seen && line.equals(STARTED_LINE.strip())) {
                seen = true;
                return;
            }
            lines.accept(line);
        }
    }
}
