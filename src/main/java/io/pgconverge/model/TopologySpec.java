package io.pgconverge.model;

import java.util.Map;
import java.util.Optional;

/**
 * The declared shape of a cluster beyond "every standby follows the primary": synchronous standbys, per-standby
 * upstreams and apply delays, and how the primary is restarted.
 */
public record TopologySpec(RestartMethod restartMethod, Optional<SynchronousSpec> synchronous,
                           Map<String, StandbySpec> standbys) {
    public TopologySpec {
        standbys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(standbys));
    }

    public static TopologySpec none() {
        return new TopologySpec(RestartMethod.RESTART, Optional.empty(), Map.of());
    }

    public StandbySpec standby(String host) {
        return standbys.getOrDefault(host, new StandbySpec(Optional.empty(), Optional.empty()));
    }
}
