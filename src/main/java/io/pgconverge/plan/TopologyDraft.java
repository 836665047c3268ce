package io.pgconverge.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The decisions of the topology planners while they are made: fates, reasons, warnings, refusals. */
final class TopologyDraft {
    final Map<String, Fate> fates = new LinkedHashMap<>();
    final Map<String, String> reasons = new LinkedHashMap<>();
    final List<Notice> warnings = new ArrayList<>();
    final List<Notice> refusals = new ArrayList<>();

    void decide(NodeContext node, Fate fate, String reason) {
        fates.put(node.name(), fate);
        if (!reason.isEmpty()) {
            reasons.put(node.name(), reason);
        }
    }

    boolean decided(NodeContext node) {
        return fates.containsKey(node.name());
    }

    Optional<Fate> fate(NodeContext node) {
        return Optional.ofNullable(fates.get(node.name()));
    }

    void warn(NodeContext node, String message) {
        warnings.add(Notice.about(node.name(), message));
    }

    void refuse(NodeContext node, String message) {
        refusals.add(Notice.about(node.name(), message));
    }
}
