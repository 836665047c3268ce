package io.pgconverge.plan;

import java.util.Optional;

/**
 * How the desired primary, a standby now, takes over.
 *
 * @param kind       a planned switchover (the old primary stops cleanly and its last WAL is replayed first) or a
 *                   failover (the old primary is down or unreachable)
 * @param oldPrimary the node that was primary, when known
 */
record Takeover(Kind kind, Optional<String> oldPrimary) {
    enum Kind { SWITCHOVER, FAILOVER }

    boolean switchover() {
        return kind == Kind.SWITCHOVER;
    }
}
