package io.pgconverge.plan.topology;

import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.Notice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The decisions of the topology planners while they are made: fates, reasons, warnings, refusals. */
public final class TopologyDraft {
    public final Map<String, Fate> fates = new LinkedHashMap<>();
    public final Map<String, String> reasons = new LinkedHashMap<>();
    public final List<Notice> warnings = new ArrayList<>();
    public final List<Notice> refusals = new ArrayList<>();

    public void decide(NodeContext node, Fate fate, String reason) {
        fates.put(node.name(), fate);
        if (!reason.isEmpty()) {
            reasons.put(node.name(), reason);
        }
    }

    public boolean decided(NodeContext node) {
        return fates.containsKey(node.name());
    }

    public Optional<Fate> fate(NodeContext node) {
        return Optional.ofNullable(fates.get(node.name()));
    }

    public void warn(NodeContext node, String message) {
        warnings.add(Notice.about(node.name(), message));
    }

    public void refuse(NodeContext node, String message) {
        refusals.add(Notice.about(node.name(), message));
    }
}
