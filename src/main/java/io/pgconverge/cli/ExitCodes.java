package io.pgconverge.cli;

/** The exit codes of the SPEC. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int CHANGES = 2;

    private ExitCodes() {
    }
}
