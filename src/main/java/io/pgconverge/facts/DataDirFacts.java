package io.pgconverge.facts;

import java.util.Optional;

/**
 * The data directory as seen from the file system and pg_controldata, readable with the server down.
 *
 * @param initialised PG_VERSION present
 * @param clusterState pg_controldata's "Database cluster state" (e.g. "in production", "shut down",
 *                     "in archive recovery", "shut down in recovery")
 * @param timeline     pg_controldata's latest checkpoint TimeLineID
 * @param checkpointLsn pg_controldata's latest checkpoint location
 * @param walLogHints  pg_controldata's wal_log_hints setting (as of the last checkpoint); empty when unknown
 * @param dataChecksums pg_controldata's data page checksum version is not 0; empty when unknown
 */
public record DataDirFacts(String path, boolean exists, boolean initialised, String owner,
                           Optional<Integer> pgVersion, Optional<Long> systemIdentifier,
                           Optional<String> clusterState, Optional<Integer> timeline, Optional<Lsn> checkpointLsn,
                           boolean standbySignal, boolean recoveryConf, Optional<Boolean> walLogHints,
                           Optional<Boolean> dataChecksums) {
    /** Without the rewind prerequisites (both unknown). */
    public DataDirFacts(String path, boolean exists, boolean initialised, String owner, Optional<Integer> pgVersion,
                        Optional<Long> systemIdentifier, Optional<String> clusterState, Optional<Integer> timeline,
                        Optional<Lsn> checkpointLsn, boolean standbySignal, boolean recoveryConf) {
        this(path, exists, initialised, owner, pgVersion, systemIdentifier, clusterState, timeline, checkpointLsn,
                standbySignal, recoveryConf, Optional.empty(), Optional.empty());
    }

    /** pg_controldata says the server was shut down cleanly (as a primary or in recovery). */
    public boolean cleanlyShutDown() {
        return clusterState.filter(s -> s.equals("shut down") || s.equals("shut down in recovery")).isPresent();
    }
}
