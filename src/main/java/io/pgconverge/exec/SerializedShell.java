package io.pgconverge.exec;

import io.pgconverge.transport.CommandResult;
import io.pgconverge.transport.RemoteShell;

import java.time.Duration;
import java.util.function.Consumer;

/** A node's shell shared by the tasks of an apply: one command at a time on one node. */
final class SerializedShell implements RemoteShell {
    private final RemoteShell shell;

    SerializedShell(RemoteShell shell) {
        this.shell = shell;
    }

    @Override
    public String host() {
        return shell.host();
    }

    @Override
    public synchronized CommandResult run(String script, Duration timeout) {
        return shell.run(script, timeout);
    }

    @Override
    public synchronized CommandResult run(String script, Duration timeout, Consumer<String> lines) {
        return shell.run(script, timeout, lines);
    }

    @Override
    public synchronized void writeFile(String path, byte[] content, String mode) {
        shell.writeFile(path, content, mode);
    }

    @Override
    public synchronized void close() {
        shell.close();
    }
}
