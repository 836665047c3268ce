package io.pgconverge.plan.topology;

import io.pgconverge.facts.Lsn;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.PlanOptions;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A failover: the old primary is down or unreachable, so the desired primary is promoted without waiting for
 * it. Only the standby that has the most WAL may be promoted (the others then lose nothing by following it);
 * a reachable standby with more is named and the plan refused, unless forced. A delayed standby (apply_delay)
 * is compared by the WAL it received, which it applies at once when promoted; it is never proposed in another's
 * place, only promoted when named. The old primary is left as it is:
 * its data directory may hold the only copy of its last transactions, and it rejoins as a standby by a later
 * plan once it is reachable.
 */
public final class FailoverPlanner {
    /**
     * Timeline first, then replayed WAL, then received WAL. A delayed standby counts what it received as replayed:
     * promoted, it applies all of it at once.
     */
    private static final Comparator<NodeContext> PROGRESS = Comparator.comparingInt(NodeContext::timeline)
            .thenComparing(n -> (n.applyDelay().isPresent() ? n.received().or(n::replayed) : n.replayed())
                    .orElse(new Lsn(0)))
            .thenComparing(n -> n.received().orElse(new Lsn(0)));

    private final PlanOptions options;
    private final TopologyDraft draft;

    public FailoverPlanner(PlanOptions options, TopologyDraft draft) {
        this.options = options;
        this.draft = draft;
    }

    public Optional<Takeover> decide(NodeContext desired, List<NodeContext> others, Optional<NodeContext> old) {
        if (old.isPresent() && !old.get().reachable() && stillSending(desired, others, old.get())) {
            return Optional.empty();
        }
        List<NodeContext> standbys = others.stream().filter(o -> old.map(x -> x != o).orElse(true))
                .filter(o -> o.reachable() && o.sameSystemAs(desired) && o.inRecovery()).toList();
        if (!betterCandidates(desired, standbys)) {
            return Optional.empty();
        }
        String from = old.map(o -> "the old primary " + o.name() + " is " + (o.reachable() ? "down" : "unreachable"))
                .orElse("no running primary was found");
        draft.decide(desired, Fate.PROMOTE, "failover: " + from + "; " + desired.name() + " has the most WAL of the "
                + "reachable standbys (" + desired.position() + ")");
        desired.applyDelay().ifPresent(d -> draft.warn(desired, "it is a delayed standby (recovery_min_apply_delay "
                + d + "), promoted because the playbook names it: it applies everything it received at once, and its "
                + "apply_delay applies again only when it is a standby"));
        old.ifPresent(o -> leaveBehind(desired, o));
        String lost = old.map(NodeContext::name).orElse("the old primary");
        String received = desired.received().or(desired::replayed).map(Lsn::toString).orElse("an unknown position");
        draft.warn(desired, "failover: whatever " + lost + " committed after " + received + " on timeline "
                + desired.timeline() + " (the most WAL " + desired.name() + " received from it) never reached "
                + desired.name()
                + " and is lost to the cluster; " + lost + "'s data directory is left untouched until it rejoins");
        return Optional.of(new Takeover(Takeover.Kind.FAILOVER, old.map(NodeContext::name)));
    }

    /** A reachable standby still streaming from the old primary proves it runs: failing over would make two. */
    private boolean stillSending(NodeContext desired, List<NodeContext> others, NodeContext old) {
        Optional<NodeContext> witness = java.util.stream.Stream.concat(java.util.stream.Stream.of(desired),
                others.stream()).filter(n -> n.reachable() && n.follows(old) && n.streaming()).findFirst();
        if (witness.isEmpty()) {
            return false;
        }
        draft.refuse(desired, witness.get().name() + " still streams from " + old.name() + ", so " + old.name()
                + " runs although the engine cannot reach it: a failover would make two primaries; make "
                + old.name() + " reachable (a switchover fences it cleanly) or stop it");
        return true;
    }

    /** True when the failover may go on: no reachable standby has more WAL, or the operator forced it. */
    private boolean betterCandidates(NodeContext desired, List<NodeContext> standbys) {
        for (NodeContext s : standbys) {
            if (!s.running() || s.server().isEmpty()) {
                draft.warn(s, "it is not running, so its WAL position cannot be compared with " + desired.name() + "'s");
            }
        }
        Optional<NodeContext> best = standbys.stream().filter(s -> s.running() && s.server().isPresent())
                .filter(s -> PROGRESS.compare(s, desired) > 0).max(PROGRESS);
        if (best.isEmpty()) {
            return true;
        }
        NodeContext b = best.get();
        String comparison = b.name() + " has more WAL (" + progress(b) + ") than " + desired.name() + " ("
                + progress(desired) + ")";
        if (options.force()) {
            draft.warn(desired, "forced failover: " + comparison + "; what only " + b.name() + " has is lost when it "
                    + "follows " + desired.name());
            return true;
        }
        String instead = b.applyDelay().isPresent() ? b.name() + " is a delayed standby (recovery_min_apply_delay "
                + b.applyDelay().get() + "), which is promoted only when the playbook names it as the primary; name it "
                + "(-e primary=" + b.name() + "), or add --force" : "promote " + b.name() + " instead (-e primary="
                + b.name() + "), or add --force";
        draft.refuse(desired, comparison + ": promoting " + desired.name() + " would lose what only " + b.name()
                + " has; " + instead);
        return false;
    }

    private static String progress(NodeContext n) {
        return "timeline " + n.timeline() + ", replayed " + n.replayed().map(Lsn::toString).orElse("unknown")
                + ", received " + n.received().map(Lsn::toString).orElse("unknown")
                + n.applyDelay().map(d -> ", applied " + d + " late").orElse("");
    }

    private void leaveBehind(NodeContext desired, NodeContext old) {
        draft.decide(old, old.reachable() ? Fate.DEFERRED : Fate.UNREACHABLE, "");
        draft.warn(old, "the old primary is " + (old.reachable() ? "down" : "unreachable (" + old.facts()
                .unreachableReason().orElse("no reason given") + ")") + ": nothing is planned for it; it rejoins "
                + "as a standby of " + desired.name() + " when reachable (a later plan fences and rewinds it)");
    }
}
