package io.pgconverge.lab;

import java.util.List;

/** What {@code lab up} or {@code lab down} changed (empty when nothing), notes for the user, and the state after. */
public record LabReport(List<LabChange> changes, List<String> notes, LabStatus status) {
    public LabReport {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }
}
