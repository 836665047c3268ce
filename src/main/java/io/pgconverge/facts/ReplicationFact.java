package io.pgconverge.facts;

import java.util.Optional;

/**
 * A row of pg_stat_replication on a sending server.
 *
 * @param replayLagSeconds replay_lag in seconds (10+); empty before 10 and when the server shows NULL (the standby
 *                         has caught up and no WAL has been written for a while)
 */
public record ReplicationFact(String applicationName, Optional<String> clientAddr, String state,
                              Optional<Lsn> sentLsn, Optional<Lsn> flushLsn, Optional<Lsn> replayLsn,
                              String syncState, Optional<String> slotName, Optional<Double> replayLagSeconds) {
    /** Without replay lag (left empty). */
    public ReplicationFact(String applicationName, Optional<String> clientAddr, String state, Optional<Lsn> sentLsn,
                           Optional<Lsn> flushLsn, Optional<Lsn> replayLsn, String syncState,
                           Optional<String> slotName) {
        this(applicationName, clientAddr, state, sentLsn, flushLsn, replayLsn, syncState, slotName, Optional.empty());
    }
}
