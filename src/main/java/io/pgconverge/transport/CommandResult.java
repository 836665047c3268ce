package io.pgconverge.transport;

/** What a command run on a node returned. */
public record CommandResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
