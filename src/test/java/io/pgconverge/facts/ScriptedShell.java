package io.pgconverge.facts;

import io.pgconverge.transport.CommandResult;
import io.pgconverge.transport.RemoteShell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A shell that answers scripts from a function and remembers them: the OS facts script and psql runs. */
final class ScriptedShell implements RemoteShell {
    private final String host;
    private final Function<String, CommandResult> answer;
    final List<String> scripts = new ArrayList<>();
    boolean closed;

    ScriptedShell(String host, Function<String, CommandResult> answer) {
        this.host = host;
        this.answer = answer;
    }

    /** Answers the facts script with {@code osOutput} and any psql run with {@code sqlOutput}. */
    static ScriptedShell of(String host, String osOutput, CommandResult sqlResult) {
        return new ScriptedShell(host, script -> script.contains("@@pgconverge-facts")
                ? new CommandResult(0, osOutput, "") : sqlResult);
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public synchronized CommandResult run(String script, Duration timeout) {
        scripts.add(script);
        return answer.apply(script);
    }

    @Override
    public void close() {
        closed = true;
    }
}
