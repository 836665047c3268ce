package io.pgconverge.plan.rolling;

import io.pgconverge.facts.Lsn;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.StandbySpec;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeWork;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The standby that takes the primary role while the primary restarts: a running standby of this cluster that
 * streams from the primary itself (no cascading standby, none that the plan rebuilds), has no apply delay (a
 * delayed standby lags on purpose) and has replayed the most; the first in inventory order among equals.
 */
final class HandoverTarget {
    private HandoverTarget() {
    }

    static Optional<NodeWork> of(DesiredState desired, NodeWork primary, Collection<NodeWork> work) {
        List<NodeWork> eligible = work.stream().filter(w -> w != primary && eligible(desired, primary, w)).toList();
        Comparator<NodeWork> replayed = Comparator.comparing(w -> w.node.replayed().orElse(new Lsn(0)));
        return eligible.stream().reduce((best, next) -> replayed.compare(next, best) > 0 ? next : best);
    }

    /** Why none of the standbys can take the primary role, for the refusal. */
    static String whyNone(DesiredState desired, NodeWork primary, Collection<NodeWork> work) {
        List<String> reasons = work.stream().filter(w -> w != primary).map(w -> w.name() + " "
                + unfit(desired, primary, w)).toList();
        return reasons.isEmpty() ? "the cluster has no standby" : String.join("; ", reasons);
    }

    private static boolean eligible(DesiredState desired, NodeWork primary, NodeWork w) {
        return unfit(desired, primary, w).isEmpty();
    }

    private static String unfit(DesiredState desired, NodeWork primary, NodeWork w) {
        StandbySpec spec = desired.topology().standby(w.name());
        if (w.fate != Fate.KEEP || w.rebuild.isPresent() || !w.node.running() || !w.node.inRecovery()) {
            return "is not a running standby the plan keeps";
        }
        if (spec.applyDelay().isPresent()) {
            return "is delayed on purpose (apply_delay " + spec.applyDelay().get() + ")";
        }
        if (spec.upstream().filter(u -> !u.equals(primary.name())).isPresent() || !w.node.follows(primary.node)) {
            return "does not stream from " + primary.name() + " itself";
        }
        if (!w.node.streaming()) {
            return "does not stream (its WAL receiver is " + w.node.upstream().flatMap(u -> u.receiverStatus())
                    .orElse("not running") + ")";
        }
        return "";
    }
}
