package io.pgconverge.lab;

import java.nio.file.Path;
import java.util.List;

/** The whole lab: its directory, the OS user its nodes run as, every node's status, the sshd, and the inventory that describes it. */
public record LabStatus(Path dir, String nodeUser, List<NodeStatus> nodes, SshdStatus sshd, Path inventory) {
    public LabStatus {
        nodes = List.copyOf(nodes);
    }

    public long runningNodes() {
        return nodes.stream().filter(NodeStatus::running).count();
    }
}
