package io.pgconverge.plan.rolling;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.model.RestartMethod;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeWork;
import io.pgconverge.plan.Notice;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.config.NodeFiles;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code restart_method: switchover}: a primary whose configuration needs a restart hands its role to a standby
 * instead of restarting in place, so that writes pause only for two short switchovers, not for a restart. The
 * standbys that need a restart restart first (in the order hot-standby parameters ask for); then the most
 * caught-up standby ({@link HandoverTarget}) takes over in a clean switchover, the primary starts with its new
 * configuration as that standby's standby, and once it streams and has replayed everything the role goes back
 * to it the same way ({@link HandoverSteps}).
 *
 * <p>Lowered hot-standby parameters are refused: the standby that takes over would run as primary with the
 * higher values, and the old primary could not start as its standby with lower ones; only a restart of the
 * primary in place lowers them safely.
 */
public final class HandoverRestart {
    private final RollingSequence sequence = new RollingSequence();
    private final List<Notice> refusals = new ArrayList<>();
    private final List<Notice> warnings = new ArrayList<>();

    private HandoverRestart() {
    }

    /** Replaces the restart of the primary of {@code work} by a handover when the playbook asks for one. */
    public static HandoverRestart plan(Cluster cluster, DesiredFiles files, Map<String, NodeWork> work) {
        HandoverRestart handover = new HandoverRestart();
        NodeWork primary = work.get(cluster.desired().primary());
        if (cluster.desired().topology().restartMethod() != RestartMethod.SWITCHOVER || primary == null
                || primary.fate != Fate.KEEP || !primary.node.running() || !primary.node.outOfRecovery()
                || !(primary.activation.orElse(null) instanceof Restart restart)) {
            return handover;
        }
        Optional<String> refusal = refusal(cluster, primary, work);
        if (refusal.isPresent()) {
            handover.refusals.add(Notice.about(primary.name(), refusal.get()));
            return handover;
        }
        NodeWork target = HandoverTarget.of(cluster.desired(), primary, work.values()).orElseThrow();
        NodeFiles asStandby = files.standbyOf(primary.node.host(), target.name());
        String standbyConf = asStandby.pgconvergeConf();
        String primaryConf = files.of(primary.node.host()).pgconvergeConf();
        HandoverSteps steps = new HandoverSteps(primary, target, restart.settings(), handover.sequence);
        primary.intentDone = Optional.empty(); // the handover writes its own marker and removes it at the end
        steps.handOver(standbyConf, asStandby.standbySignal().orElseThrow(), primaryConf);
        steps.handBack(files.of(target.node.host()).standbySignal().orElseThrow(), standbyConf, primaryConf);
        handover.restartFirst(primary, work.values(), steps);
        cluster.desired().topology().synchronous().ifPresent(sync -> handover.warnings.add(Notice.about(target.name(),
                "synchronous standbys: while " + target.name() + " is primary, its commits wait for its synchronous "
                + "standbys, which stream from " + primary.name() + " (not from it) until " + primary.name()
                + " takes the role back; writes may wait that long")));
        return handover;
    }

    private static Optional<String> refusal(Cluster cluster, NodeWork primary, Map<String, NodeWork> work) {
        String why = "restart_method: switchover cannot carry out this restart: ";
        String instead = "; apply it with -e restart_method=restart to restart " + primary.name() + " in place";
        if (!PgMajorVersion.atLeast(primary.node.version(), 12)) {
            return Optional.of(why + "it needs PostgreSQL 12 or later (standby.signal)" + instead);
        }
        List<String> lowered = primary.config.hotStandby().entrySet().stream().filter(e -> e.getValue() < 0)
                .map(Map.Entry::getKey).sorted().toList();
        if (!lowered.isEmpty()) {
            return Optional.of(why + "it lowers " + String.join(", ", lowered) + ", and the standby that takes over "
                    + "would run as primary with the higher values, which " + primary.name() + " could not start "
                    + "below as its standby" + instead + " (the primary first, then each standby)");
        }
        if (HandoverTarget.of(cluster.desired(), primary, work.values()).isEmpty()) {
            return Optional.of(why + "no standby can take the primary role (" + HandoverTarget.whyNone(
                    cluster.desired(), primary, work.values()) + ")" + instead);
        }
        return Optional.empty();
    }

    /**
     * The standbys' own restarts (and starts, reloads) come before the handover; a standby the plan rebuilds is
     * copied from the primary once it is primary again. The primary's SQL runs while it is still primary.
     */
    private void restartFirst(NodeWork primary, java.util.Collection<NodeWork> work, HandoverSteps steps) {
        Task first = steps.first();
        for (NodeWork w : work) {
            if (w == primary) {
                continue;
            }
            if (w.rebuild.isPresent()) {
                sequence.edge(steps.last(), w.rebuild.get());
            } else {
                w.activation.ifPresent(a -> sequence.edge(a, first));
            }
        }
        primary.sql.forEach(sql -> sequence.edge(sql, first));
    }

    public List<Notice> refusals() {
        return List.copyOf(refusals);
    }

    /** What the handover may cost that the plan cannot avoid. */
    public List<Notice> warnings() {
        return List.copyOf(warnings);
    }

    public List<RollingSequence.Edge> edges() {
        return sequence.edges();
    }
}
