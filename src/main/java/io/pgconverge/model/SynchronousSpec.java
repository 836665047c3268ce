package io.pgconverge.model;

import java.util.List;

/**
 * Synchronous replication: commits wait until {@code count} of {@code standbys} (inventory names, which are
 * also their application_name) have flushed them.
 */
public record SynchronousSpec(SyncMode mode, int count, List<String> standbys) {
    public SynchronousSpec {
        standbys = List.copyOf(standbys);
    }
}
