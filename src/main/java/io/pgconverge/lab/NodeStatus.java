package io.pgconverge.lab;

import java.util.OptionalLong;

/** A node's state and, when running, its postmaster's pid. */
public record NodeStatus(LabNode node, NodeState state, OptionalLong pid) {
    public boolean running() {
        return state == NodeState.RUNNING;
    }
}
