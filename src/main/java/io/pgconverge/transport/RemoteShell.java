package io.pgconverge.transport;

import io.pgconverge.model.RunAs;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A shell on one node, logged in as the OS user PostgreSQL runs as. Implementations: SSH (sshj) and a
 * local process. Thread-confined: one caller at a time.
 */
public interface RemoteShell extends AutoCloseable {
    /** The inventory name of the node. */
    String host();

    /**
     * Runs a bash script on the node. The script travels on stdin of {@code bash -s}, so nothing of it
     * shows on a process's command line; {@code stdin} is not supported separately for that reason:
     * embed data in the script with a quoted here-document where needed.
     *
     * @throws TransportException when the node cannot run it (not for a non-zero exit status)
     */
    CommandResult run(String script, Duration timeout);

    /**
     * As {@link #run(String, Duration)}, handing each line of standard output to {@code lines} as it comes (a shell
     * that cannot stream hands them over at the end).
     */
    default CommandResult run(String script, Duration timeout, Consumer<String> lines) {
        CommandResult r = run(script, timeout);
        r.stdout().lines().forEach(lines);
        return r;
    }

    /**
     * As {@link #run(String, Duration, Consumer)}, as {@code who}: the node's PostgreSQL OS user or root, through the
     * host's privilege escalation (ansible_become). A shell without escalation runs everything as its one user.
     *
     * @throws TransportException also when the escalation is refused (the message names users and command)
     */
    default CommandResult run(RunAs who, String script, Duration timeout, Consumer<String> lines) {
        return run(script, timeout, lines);
    }

    default CommandResult run(RunAs who, String script, Duration timeout) {
        return run(who, script, timeout, line -> { });
    }

    /**
     * Checks that scripts can run as {@code who} on the node (sudo is asked once per connection).
     *
     * @throws TransportException naming the node, the users and the command when the escalation is refused
     */
    default void checkRunAs(RunAs who) {
    }

    /**
     * Writes a file atomically (temporary file beside it, then rename) with the given octal mode, in one round
     * trip; a file that already has this content and mode is left alone.
     *
     * @return whether the file was written
     */
    default boolean writeFile(String path, byte[] content, String mode) {
        CommandResult r = run(FileWriteScript.of(path, content, mode), Duration.ofSeconds(60));
        if (!r.ok()) {
            throw new TransportException(host() + ": cannot write " + path + ": " + r.stderr().strip());
        }
        return FileWriteScript.wrote(r);
    }

    @Override
    void close();
}
