package io.pgconverge.transport;

import io.pgconverge.model.ShellWords;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How a script reaches bash as the user it must run as: {@code bash -s} itself, or wrapped in sudo, su or runuser.
 * The script always travels on standard input; a become password, when one is needed, is the line before it
 * there, never on a command line or in the environment.
 */
public sealed interface Escalation permits NoEscalation, SudoEscalation, SuEscalation, RunuserEscalation {
    /** The user the script runs as. */
    String target();

    /** The command line that starts bash reading its script from standard input, as {@link #target()}. */
    List<String> command();

    /** What goes on standard input before the script; empty unless a password is sent. */
    default byte[] preamble() {
        return new byte[0];
    }

    /** The command line as a shell reads it, for SSH and for messages. */
    default String commandLine() {
        return command().stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }
}
