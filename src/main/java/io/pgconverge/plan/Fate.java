package io.pgconverge.plan;

/** What the plan does with a node's server and data directory as a whole. */
public enum Fate {
    /** Not reachable: nothing is planned for it; reported. */
    UNREACHABLE,
    /** Running as it should (primary, or a standby of this cluster): only configuration is converged. */
    KEEP,
    /** Stopped but sound: configuration is converged and the server started. */
    START,
    /** The desired primary has no initialised data directory: initdb, then start. */
    INIT_DB,
    /** A desired standby that is not (or no longer) a usable copy of the primary: base backup, then start. */
    REBUILD,
    /** Needs a base backup, but the primary is not ready yet, or is left as it is: nothing planned for it now. */
    DEFERRED,
    /** The desired primary is a running standby: promoted (after a switchover's wait, or as a failover). */
    PROMOTE,
    /** The old primary of a planned switchover: fenced, then started as a standby of the new primary. */
    DEMOTE,
    /** A former primary on an older timeline: fenced, rewound with pg_rewind, started as a standby. */
    REJOIN
}
