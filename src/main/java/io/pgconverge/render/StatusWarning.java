package io.pgconverge.render;

import java.util.List;
import java.util.Locale;

/**
 * Something about the cluster's replication an operator should look at, in one sentence.
 *
 * @param nodes the inventory nodes it concerns, in inventory order
 */
public record StatusWarning(Kind kind, List<String> nodes, String message) {
    public StatusWarning {
        nodes = List.copyOf(nodes);
    }

    /** The kinds of warning, in the order the view lists them. */
    public enum Kind {
        UNREACHABLE, NO_SESSION, STOPPED, SPLIT_BRAIN, NOT_IN_RECOVERY, PRIMARY_IN_RECOVERY, SYSTEM_IDENTIFIER,
        WRONG_UPSTREAM, NOT_STREAMING, MISSING_SLOT, INACTIVE_SLOT;

        /** As JSON writes it: {@code split_brain}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
