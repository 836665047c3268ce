package io.pgconverge.plan.rolling;

import io.pgconverge.plan.NodeWork;

import java.util.List;

/**
 * The order in which the primary and its standbys restart for a change of hot-standby parameters, which a standby
 * needs at least as high as its primary's at every moment: raised, standbys first; lowered, the primary first.
 */
sealed interface RestartOrder permits StandbysFirst, PrimaryFirst {

    /**
     * Orders the restarts of {@code primary} and {@code standbys} (each has a restart) into {@code sequence}.
     *
     * @param changed the parameters whose change decides the order, as a readable list
     */
    void order(NodeWork primary, List<NodeWork> standbys, String changed, RollingSequence sequence);
}
