package io.pgconverge.facts;

import java.util.Map;
import java.util.Optional;

/** Facts of every node of a cluster, by host name in inventory order. */
public record ClusterFacts(Map<String, NodeFacts> nodes) {
    public ClusterFacts {
        nodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
    }

    public Optional<NodeFacts> node(String host) {
        return Optional.ofNullable(nodes.get(host));
    }
}
