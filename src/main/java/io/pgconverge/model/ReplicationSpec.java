package io.pgconverge.model;

import java.util.Map;

/**
 * Streaming replication: the role standbys connect as, and whether each standby gets a physical slot.
 *
 * @param slotNames explicit slot name per host; others are named from the host address (127.0.0.12 -> 127_0_0_12)
 */
public record ReplicationSpec(String user, boolean slots, Map<String, String> slotNames) {
    public ReplicationSpec {
        slotNames = Map.copyOf(slotNames);
    }
}
