package io.pgconverge.render;

import io.pgconverge.facts.NodeFacts;

/** What a node is, as the facts views show it. */
public enum NodeRole {
    PRIMARY, STANDBY, STOPPED, UNKNOWN, UNREACHABLE;

    public static NodeRole of(NodeFacts node) {
        if (!node.reachable()) {
            return UNREACHABLE;
        }
        if (!node.running()) {
            return STOPPED;
        }
        if (node.server().isEmpty()) {
            return UNKNOWN;
        }
        return node.isStandby() ? STANDBY : PRIMARY;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
