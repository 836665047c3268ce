package io.pgconverge.render;

import io.pgconverge.facts.AppliedRecord;
import io.pgconverge.facts.Lsn;

import java.util.Optional;

/**
 * One node's line of {@code pgconverge status}.
 *
 * @param desiredPrimary the playbook names this node as the primary
 * @param lsn            a primary's current LSN, a standby's replayed LSN; empty otherwise
 * @param receivedLsn    a standby's received LSN
 * @param lagBytes       a standby's replay lag in bytes behind its upstream
 * @param lagSeconds     a standby's replay lag in seconds (see docs/status.md for how it is measured)
 * @param slot           a standby's slot on its upstream (also for a desired standby that is stopped)
 * @param upstream       the node a standby streams from, or is configured to
 * @param applyDelay     a standby's recovery_min_apply_delay in effect ("10s"), when it is not 0
 * @param reason         why the node is unreachable, or why no SQL session could be opened
 */
public record StatusRow(String name, String address, NodeRole role, boolean desiredPrimary,
                        Optional<Long> systemIdentifier, Optional<Integer> timeline, Optional<Lsn> lsn,
                        Optional<Lsn> receivedLsn, Optional<Long> lagBytes, Optional<Double> lagSeconds,
                        Optional<SlotStatus> slot, Optional<UpstreamStatus> upstream, Optional<String> applyDelay,
                        Optional<AppliedRecord> lastApplied, Optional<String> reason) {
}
