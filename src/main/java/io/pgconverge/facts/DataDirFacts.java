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
 */
public record DataDirFacts(String path, boolean exists, boolean initialised, String owner,
                           Optional<Integer> pgVersion, Optional<Long> systemIdentifier,
                           Optional<String> clusterState, Optional<Integer> timeline, Optional<Lsn> checkpointLsn,
                           boolean standbySignal, boolean recoveryConf) {
}
