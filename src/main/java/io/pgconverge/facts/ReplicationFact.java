package io.pgconverge.facts;

import java.util.Optional;

/** A row of pg_stat_replication on a sending server. */
public record ReplicationFact(String applicationName, Optional<String> clientAddr, String state,
                              Optional<Lsn> sentLsn, Optional<Lsn> flushLsn, Optional<Lsn> replayLsn,
                              String syncState, Optional<String> slotName) {
}
