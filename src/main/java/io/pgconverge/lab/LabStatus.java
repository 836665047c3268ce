package io.pgconverge.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The whole lab: its directory, its settings (none before the first lab up), every node, and its inventory. */
public record LabStatus(Path dir, Optional<LabSettings> settings, List<NodeStatus> nodes, Path inventory) {
    public LabStatus {
        nodes = List.copyOf(nodes);
    }

    public long runningNodes() {
        return nodes.stream().filter(NodeStatus::running).count();
    }

    /** The admin user the inventory logs in as. */
    public String nodeUser() {
        return BaseCache.ADMIN;
    }
}
