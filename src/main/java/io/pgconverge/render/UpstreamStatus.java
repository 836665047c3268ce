package io.pgconverge.render;

import java.util.Optional;

/**
 * Where a standby takes (or is configured to take) its WAL from.
 *
 * @param node           the inventory node the host and port belong to; empty when none of the cluster's
 * @param host           the sender's host (pg_stat_wal_receiver), else primary_conninfo's host or hostaddr
 * @param receiverStatus the WAL receiver's status ("streaming", ...); empty when no receiver runs
 */
public record UpstreamStatus(Optional<String> node, String host, Optional<Integer> port,
                             Optional<String> receiverStatus) {
    public boolean streaming() {
        return receiverStatus.filter("streaming"::equals).isPresent();
    }

    /** The node's name, else host:port. */
    public String label() {
        return node.orElseGet(() -> host + port.map(p -> ":" + p).orElse(""));
    }
}
