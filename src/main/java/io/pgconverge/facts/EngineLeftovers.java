package io.pgconverge.facts;

import java.util.Optional;

/**
 * What an earlier apply left on a node that outlives it only when it was interrupted: the apply lock's holder, the
 * intent marker of a base backup or rewind that did not finish, and a long remote command (pg_basebackup,
 * pg_rewind) still running from its pid file.
 *
 * @param lockHolder the lock's holder file, when the lock directory exists
 * @param intent     the intent marker's text, when present
 * @param liveJob    what the job pid file names ({@code pid=...}, {@code what=...}), when that process still runs
 */
public record EngineLeftovers(Optional<String> lockHolder, Optional<String> intent, Optional<String> liveJob) {
    public static EngineLeftovers none() {
        return new EngineLeftovers(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
