package io.pgconverge.plan.rolling;

import io.pgconverge.plan.NodeWork;

import java.util.List;

/** Raised hot-standby parameters: every standby restarts with the higher values before the primary does. */
final class StandbysFirst implements RestartOrder {
    @Override
    public void order(NodeWork primary, List<NodeWork> standbys, String changed, RollingSequence sequence) {
        String why = changed + (changed.contains(",") ? " are" : " is") + " raised";
        for (NodeWork s : standbys) {
            sequence.explain(s, "standbys first: " + why);
            sequence.edge(s.activation.orElseThrow(), primary.activation.orElseThrow());
        }
        if (!standbys.isEmpty()) {
            sequence.explain(primary, "after the standbys: " + why);
        }
    }
}
