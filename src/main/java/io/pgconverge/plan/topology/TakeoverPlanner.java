package io.pgconverge.plan.topology;

import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.PlanOptions;

import java.util.List;
import java.util.Optional;

/**
 * Decides how a desired primary that is a standby now takes over: a planned switchover when the old primary
 * runs (or was shut down cleanly and everything it wrote has been replayed), a failover when it is down or
 * unreachable. Refuses when it cannot tell which node is the primary to take over from.
 */
public final class TakeoverPlanner {
    private final PlanOptions options;
    private final TopologyDraft draft;

    public TakeoverPlanner(PlanOptions options, TopologyDraft draft) {
        this.options = options;
        this.draft = draft;
    }

    public Optional<Takeover> decide(NodeContext desired, List<NodeContext> others) {
        if (!desired.running() || desired.server().isEmpty()) {
            draft.refuse(desired, "the desired primary is a standby that " + (desired.running()
                    ? "runs but whose SQL facts could not be read" : "is not running") + ": a switchover or failover "
                    + "promotes a running standby whose WAL position is known; start it as a standby of the current "
                    + "primary first");
            return Optional.empty();
        }
        List<NodeContext> primaries = others.stream().filter(o -> o.reachable() && o.running()
                && o.outOfRecovery() && o.sameSystemAs(desired)).toList();
        if (primaries.size() > 1) {
            draft.refuse(desired, String.join(" and ", primaries.stream().map(NodeContext::name).toList())
                    + " are both out of recovery and the playbook names neither as the primary (it names "
                    + desired.name() + ", a standby): refusing to act; name the node that should stay primary, "
                    + "and the other is fenced and rejoined");
            return Optional.empty();
        }
        refuseStoppedFormerPrimaries(desired, others);
        SwitchoverPlanner switchover = new SwitchoverPlanner(options, draft);
        if (primaries.size() == 1) {
            return switchover.fromRunning(desired, primaries.get(0));
        }
        Optional<NodeContext> old = others.stream().filter(desired::follows)
                .filter(o -> !(o.running() && o.inRecovery())).findFirst();
        if (old.isPresent() && old.get().reachable() && old.get().outOfRecovery() && old.get().cleanlyShutDown()) {
            Optional<Takeover> clean = switchover.fromStopped(desired, old.get());
            if (clean.isPresent() || !options.force()) {
                return clean;
            }
        }
        return new FailoverPlanner(options, draft).decide(desired, others, old);
    }

    /** Another stopped former primary besides the one followed: which of them is newer cannot be told. */
    private void refuseStoppedFormerPrimaries(NodeContext desired, List<NodeContext> others) {
        for (NodeContext o : others) {
            if (o.reachable() && !o.running() && o.outOfRecovery() && o.sameSystemAs(desired) && !desired.follows(o)) {
                draft.decide(o, Fate.DEFERRED, "");
                draft.refuse(o, "it is a stopped former primary of this cluster (" + o.position() + ") that "
                        + desired.name() + " does not follow; it may hold transactions " + desired.name()
                        + " lacks, so it is neither rejoined nor started while " + desired.name() + " takes over");
            }
        }
    }
}
