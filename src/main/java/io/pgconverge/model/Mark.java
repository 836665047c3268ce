package io.pgconverge.model;

/** A position in an input file, 1-based, printed as {@code file:line:column}. */
public record Mark(String file, int line, int column) {
    public static Mark of(String file) {
        return new Mark(file, 0, 0);
    }

    @Override
    public String toString() {
        return line <= 0 ? file : file + ":" + line + ":" + column;
    }
}
