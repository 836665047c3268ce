package io.pgconverge.plan;

import java.util.List;
import java.util.Map;

/**
 * The planner's decision about each node's server and data directory, before any task is made.
 *
 * @param fates        by host, in inventory order
 * @param reasons      why each node is rebuilt, started or initialised
 * @param primaryReady the primary's roles and slots are known (it runs with SQL facts, or is initialised anew)
 */
record Topology(Map<String, Fate> fates, Map<String, String> reasons, List<Notice> warnings, List<Notice> refusals,
                boolean primaryReady) {
    Topology {
        fates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fates));
        reasons = Map.copyOf(reasons);
        warnings = List.copyOf(warnings);
        refusals = List.copyOf(refusals);
    }

    Fate fate(String host) {
        return fates.getOrDefault(host, Fate.UNREACHABLE);
    }

    String reason(String host) {
        return reasons.getOrDefault(host, "");
    }
}
