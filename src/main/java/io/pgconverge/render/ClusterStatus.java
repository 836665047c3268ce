package io.pgconverge.render;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.model.Cluster;

import java.util.List;

/**
 * What {@code pgconverge status} shows: one row per member of the cluster and the warnings about its
 * replication, computed from the playbook's cluster and the gathered facts. It lives in render because it is a
 * view of the facts against the desired state (it names slots the way the planner does); it changes nothing and
 * holds no connection. Pure.
 *
 * @param group   the inventory group that forms the cluster
 * @param primary the playbook's primary
 * @param nodes   inventory order
 */
public record ClusterStatus(String group, String primary, List<StatusRow> nodes, List<StatusWarning> warnings) {
    public ClusterStatus {
        nodes = List.copyOf(nodes);
        warnings = List.copyOf(warnings);
    }

    public static ClusterStatus of(Cluster cluster, ClusterFacts facts) {
        StatusContext context = new StatusContext(cluster, facts);
        StatusRows rows = new StatusRows(context);
        List<StatusRow> nodes = cluster.members().stream().map(rows::of).toList();
        return new ClusterStatus(cluster.desired().group(), cluster.desired().primary(), nodes,
                new StatusWarnings(context, nodes).all());
    }

    public boolean healthy() {
        return warnings.isEmpty();
    }

    /** No member could be reached: the status says nothing about the cluster. */
    public boolean nothingReachable() {
        return nodes.stream().allMatch(n -> n.role() == NodeRole.UNREACHABLE);
    }
}
