package io.pgconverge.plan.topology;

import java.util.Optional;

/**
 * How the desired primary, a standby now, takes over.
 *
 * @param kind       a planned switchover (the old primary stops cleanly and its last WAL is replayed first) or a
 *                   failover (the old primary is down or unreachable)
 * @param oldPrimary the node that was primary, when known
 */
public record Takeover(Kind kind, Optional<String> oldPrimary) {
    public enum Kind { SWITCHOVER, FAILOVER }

    public boolean switchover() {
        return kind == Kind.SWITCHOVER;
    }
}
