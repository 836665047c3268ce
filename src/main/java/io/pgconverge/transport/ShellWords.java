package io.pgconverge.transport;

/** Quoting of words for bash scripts the engine sends to nodes. */
public final class ShellWords {
    private ShellWords() {
    }

    /** Single-quotes a word so bash takes it literally. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
