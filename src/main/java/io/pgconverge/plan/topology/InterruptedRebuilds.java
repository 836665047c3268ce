package io.pgconverge.plan.topology;

import io.pgconverge.model.Intent;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeContext;

import java.util.List;

/**
 * Nodes an interrupted apply left half-built (their intent marker says a base backup was decided or under way, or
 * a rewind was under way): rebuilt by a base backup of the primary, never started and never taken for a former
 * primary. A node whose copy completed is not among them: its marker makes it a standby that is started.
 */
final class InterruptedRebuilds {
    private final TopologyDraft draft;

    InterruptedRebuilds(TopologyDraft draft) {
        this.draft = draft;
    }

    void decide(NodeContext primary, Fate primaryFate, List<NodeContext> standbys) {
        boolean ready = (primaryFate == Fate.KEEP || primaryFate == Fate.PROMOTE) && primary.server().isPresent();
        for (NodeContext s : standbys) {
            if (!s.reachable() || s.running() || s.unfinished().isEmpty()) {
                continue;
            }
            Intent i = s.unfinished().get();
            String why = "an earlier apply was interrupted during a " + i.describe() + ": its data directory may be "
                    + "half-made, so it is rebuilt by a base backup of " + primary.name() + "; its data directory is "
                    + "moved aside";
            if (ready) {
                draft.decide(s, Fate.REBUILD, why);
            } else {
                draft.decide(s, Fate.DEFERRED, "");
                draft.warn(s, why + " once " + primary.name() + " runs; nothing is planned for it before the next "
                        + "apply");
            }
        }
    }
}
