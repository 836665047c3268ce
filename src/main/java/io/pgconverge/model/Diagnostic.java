package io.pgconverge.model;

/** One problem found in the input: where it is, what is wrong, and how to fix it. */
public record Diagnostic(Mark mark, String message) {
    @Override
    public String toString() {
        return mark + ": " + message;
    }
}
