package io.pgconverge.facts;

import java.util.Optional;

/**
 * Where a standby takes its WAL from.
 *
 * @param primaryConninfo the configured primary_conninfo with any password replaced by (sensitive)
 * @param senderHost      pg_stat_wal_receiver's sender_host, when a receiver runs
 * @param receiverStatus  pg_stat_wal_receiver's status ("streaming", ...), empty when none runs
 */
public record UpstreamFacts(Optional<String> primaryConninfo, Optional<String> slotName,
                            Optional<String> senderHost, Optional<Integer> senderPort,
                            Optional<String> receiverStatus) {
}
