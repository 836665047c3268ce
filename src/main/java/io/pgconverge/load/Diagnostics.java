package io.pgconverge.load;

import io.pgconverge.model.Diagnostic;
import io.pgconverge.model.InputException;
import io.pgconverge.model.Mark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects every problem found in the input, so that all of them are reported at once. */
public final class Diagnostics {
    private final List<Diagnostic> found = new ArrayList<>();

    public void add(Mark mark, String message) {
        found.add(new Diagnostic(mark, message));
    }

    public void addAll(Collection<Diagnostic> diagnostics) {
        found.addAll(diagnostics);
    }

    public int count() {
        return found.size();
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** The problems grouped by file in the order the files were first named, each file's by position. */
    public List<Diagnostic> sorted() {
        Map<String, Integer> fileOrder = new LinkedHashMap<>();
        for (Diagnostic d : found) {
            fileOrder.putIfAbsent(d.mark().file(), fileOrder.size());
        }
        Comparator<Diagnostic> order = Comparator.<Diagnostic>comparingInt(d -> fileOrder.get(d.mark().file()))
                .thenComparingInt(d -> d.mark().line())
                .thenComparingInt(d -> d.mark().column());
        return found.stream().distinct().sorted(order).toList();
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InputException(sorted());
        }
    }
}
