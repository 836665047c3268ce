package io.pgconverge.plan.topology;

import io.pgconverge.plan.Fate;
import io.pgconverge.plan.Notice;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The planner's decision about each node's server and data directory, before any task is made.
 *
 * @param fates        by host, in inventory order
 * @param reasons      why each node is rebuilt, started, initialised, promoted, demoted or rejoined
 * @param primaryReady the primary's roles and slots are known (it runs with SQL facts, or is initialised anew)
 * @param takeover     how the desired primary, a standby now, takes over; empty when it is a primary already
 */
public record Topology(Map<String, Fate> fates, Map<String, String> reasons, List<Notice> warnings, List<Notice> refusals,
                boolean primaryReady, Optional<Takeover> takeover) {
    public Topology {
        fates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fates));
        reasons = Map.copyOf(reasons);
        warnings = List.copyOf(warnings);
        refusals = List.copyOf(refusals);
    }

    public Fate fate(String host) {
        return fates.getOrDefault(host, Fate.UNREACHABLE);
    }

    public String reason(String host) {
        return reasons.getOrDefault(host, "");
    }

    /** A node that turns into a standby of the desired primary in this plan (demoted or rejoined). */
    public boolean becomesStandby(String host) {
        Fate fate = fate(host);
        return fate == Fate.DEMOTE || fate == Fate.REJOIN;
    }
}
