package io.pgconverge.plan.topology;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.Intent;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.PlanOptions;

import java.util.List;
import java.util.Optional;

/**
 * Nodes out of recovery beside the desired primary, with its system identifier: a former primary that came
 * back (or never stopped) after a failover. One on an older timeline than the desired primary is fenced
 * (stopped; it must not take writes while the cluster has another primary) and rejoined as a standby: by
 * pg_rewind when it has wal_log_hints or data checksums and the playbook gives the superuser's password, else
 * by a base backup (its data directory moved aside). One whose timeline is not older may hold writes the
 * desired primary lacks: refused, unless forced.
 */
public final class RejoinPlanner {
    private final Cluster cluster;
    private final PlanOptions options;
    private final TopologyDraft draft;

    public RejoinPlanner(Cluster cluster, PlanOptions options, TopologyDraft draft) {
        this.cluster = cluster;
        this.options = options;
        this.draft = draft;
    }

    public void decide(NodeContext primary, List<NodeContext> others) {
        for (NodeContext x : others) {
            if (draft.decided(x)) {
                continue;
            }
            if (x.reachable() && x.outOfRecovery() && x.sameSystemAs(primary)) {
                decideFormerPrimary(primary, x);
            } else if (stranded(primary, x)) {
                String status = x.upstream().flatMap(u -> u.receiverStatus()).orElse("no WAL receiver");
                rejoin(primary, x, "it is a standby of " + primary.name() + " that does not stream (" + status
                        + ") and is still on " + x.position() + " while " + primary.name() + " is on "
                        + primary.position() + ": it went past the point where that timeline began and cannot "
                        + "follow", "stopped, then ");
            }
        }
    }

    /**
     * A running standby configured for the primary that does not stream and is on an older timeline: it holds
     * WAL of its old timeline beyond the point where the primary's timeline forked, and cannot follow.
     */
    private static boolean stranded(NodeContext primary, NodeContext x) {
        return x.reachable() && x.running() && x.inRecovery() && x.server().isPresent() && x.sameSystemAs(primary)
                && primary.running() && x.follows(primary) && !x.streaming() && x.timeline() > 0
                && x.timeline() < primary.timeline();
    }

    private void decideFormerPrimary(NodeContext primary, NodeContext x) {
        if (handedBack(primary, x)) {
            draft.decide(x, Fate.START, "an earlier apply was interrupted after " + x.name() + " handed the primary "
                    + "role back (" + primary.intent().map(Intent::describe).orElseThrow() + "): it was shut down "
                    + "cleanly where " + primary.name() + "'s timeline begins (" + x.position() + ", "
                    + primary.name() + " on " + primary.position() + "), so it starts as a standby without a rewind");
            return;
        }
        String state = x.running() ? "two primaries: it is out of recovery like " + primary.name()
                : "it is a stopped former primary";
        String timelines = x.name() + " is on " + x.position() + ", " + primary.name() + " on " + primary.position();
        boolean older = x.timeline() > 0 && x.timeline() < primary.timeline();
        if (!older && !options.force()) {
            draft.decide(x, Fate.DEFERRED, "");
            draft.refuse(x, state + ", and its history is not older than " + primary.name() + "'s (" + timelines
                    + "), so it may hold transactions " + primary.name() + " lacks: refusing to act; name " + x.name()
                    + " as the primary to keep them, or add --force to make it a standby of " + primary.name()
                    + " and discard what it wrote after they diverged");
            return;
        }
        if (!older) {
            draft.warn(x, "forced: " + timelines + "; whatever " + x.name() + " wrote after they diverged is discarded");
        }
        String fence = x.running() ? "fenced first (it must take no writes while " + primary.name() + " is primary), "
                + "then " : "";
        rejoin(primary, x, state + "; " + timelines, fence);
    }

    /**
     * The standby that held the role during a restart by handover, stopped cleanly by the hand-back, on the timeline
     * just before the one the playbook's primary started with its promotion.
     */
    private static boolean handedBack(NodeContext primary, NodeContext x) {
        return primary.intent().filter(Intent::handover).filter(i -> i.source().equals(x.name())).isPresent()
                && primary.running() && x.cleanlyShutDown() && x.timeline() > 0
                && x.timeline() + 1 == primary.timeline();
    }

    private void rejoin(NodeContext primary, NodeContext x, String why, String first) {
        Optional<String> noRewind = rewindImpossible(primary, x);
        if (noRewind.isEmpty()) {
            draft.decide(x, Fate.REJOIN, why + ": " + first + "rewound with pg_rewind (it has wal_log_hints or data "
                    + "checksums) and started as a standby of " + primary.name() + "; what it wrote after the "
                    + "timelines diverged is discarded");
        } else {
            draft.decide(x, Fate.REBUILD, why + ": " + first + "rebuilt by a base backup of " + primary.name()
                    + " because " + noRewind.get() + "; its data directory is moved aside");
        }
    }

    private Optional<String> rewindImpossible(NodeContext primary, NodeContext x) {
        Optional<String> failed = x.content(x.paths().rewindFailed());
        if (failed.isPresent()) {
            return Optional.of("pg_rewind failed on an earlier apply (" + failed.get().strip() + ")");
        }
        Optional<Boolean> rewindable = x.rewindable();
        if (rewindable.isEmpty()) {
            return Optional.of("whether it has wal_log_hints or data checksums, which pg_rewind needs, is unknown");
        }
        if (!rewindable.get()) {
            return Optional.of("pg_rewind needs wal_log_hints or data checksums, and it has neither");
        }
        String superuser = primary.host().serverUser();
        boolean password = cluster.desired().roles().stream()
                .anyMatch(r -> r.name().equals(superuser) && r.password().isPresent());
        if (!password) {
            return Optional.of("pg_rewind connects to " + primary.name() + " as the superuser " + superuser
                    + ", whose password the playbook does not give");
        }
        return Optional.empty();
    }
}
