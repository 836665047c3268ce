package io.pgconverge.model;

import java.util.List;
import java.util.stream.Collectors;

/** Invalid input: every problem found, each with its file position. Nothing has been touched. */
public class InputException extends EngineException {
    private final List<Diagnostic> diagnostics;

    public InputException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public InputException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
