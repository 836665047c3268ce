package io.pgconverge.transport;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** What a shell does below privilege escalation: run one command line with bytes on its standard input. */
@FunctionalInterface
public interface CommandChannel {
    /**
     * @param command the program and its arguments; never a secret
     * @param stdin   everything the command reads, written at once and then closed
     * @throws TransportException when the node cannot run it (not for a non-zero exit status)
     */
    CommandResult exec(List<String> command, byte[] stdin, Duration timeout, Consumer<String> lines);
}
