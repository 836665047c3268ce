package io.pgconverge.plan.rolling;

import io.pgconverge.facts.Lsn;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.Intent;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.NodeWork;
import io.pgconverge.plan.Notice;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.config.NodeConfig;
import io.pgconverge.plan.config.NodeFiles;
import io.pgconverge.plan.task.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rest of a restart by handover that an earlier apply did not finish after it promoted the standby {@code T}:
 * the playbook's primary {@code P} carries the handover marker naming T, T runs out of recovery, and P either is
 * stopped (with or without its standby settings yet) or runs as T's standby. P then gets its standby settings,
 * starts as T's standby and takes the role back as the handover would have ({@link HandoverSteps}). When T was
 * fenced already and P, still its standby, has replayed T's shutdown checkpoint, P takes the role back.
 *
 * <p>Only with evidence that P stopped where T's timeline begins: P was shut down cleanly, on the timeline just
 * before T's (it stopped as the primary at the shutdown checkpoint T replayed before its promotion), or on T's own
 * (it stopped as T's standby). Anything else keeps the planner's refusals (two primaries; a desired primary that is
 * a stopped standby): P may hold transactions T lacks.
 */
public final class HandoverResume {
    private final List<Task> tasks;
    private final List<RollingSequence.Edge> edges;
    private final Notice notice;

    private HandoverResume(List<Task> tasks, List<RollingSequence.Edge> edges, Notice notice) {
        this.tasks = List.copyOf(tasks);
        this.edges = List.copyOf(edges);
        this.notice = notice;
    }

    /** The rest of an interrupted handover, when the facts show one that can be completed. */
    public static Optional<HandoverResume> of(Cluster cluster, List<NodeContext> nodes, DesiredFiles files) {
        Optional<NodeContext> primary = nodes.stream().filter(NodeContext::desiredPrimary).findFirst();
        Optional<String> target = primary.filter(NodeContext::reachable).flatMap(NodeContext::intent)
                .filter(Intent::handover).map(Intent::source);
        Optional<NodeContext> holder = target.flatMap(t -> nodes.stream().filter(n -> n.name().equals(t)).findFirst());
        if (holder.isEmpty() || !completable(primary.get(), holder.get())) {
            return Optional.empty();
        }
        return Optional.of(resume(primary.get(), holder.get(), files));
    }

    static boolean completable(NodeContext p, NodeContext t) {
        if (!t.reachable() || !t.sameSystemAs(p) || !p.dataInitialised() || p.unfinished().isPresent()) {
            return false;
        }
        if (!t.running()) {
            return shutDownAsPrimary(t) && p.running() && p.inRecovery() && replayedPast(p, t);
        }
        if (t.server().isEmpty() || !t.outOfRecovery()) {
            return false;
        }
        if (p.running()) {
            return p.inRecovery() && p.follows(t);
        }
        return p.cleanlyShutDown() && p.timeline() > 0
                && (p.timeline() + 1 == t.timeline() || p.inRecovery() && p.timeline() == t.timeline());
    }

    /** Shut down cleanly as a primary; the hand-back may have written its standby.signal since. */
    private static boolean shutDownAsPrimary(NodeContext t) {
        return t.facts().dataDir().flatMap(d -> d.clusterState()).filter("shut down"::equals).isPresent();
    }

    /** T was fenced by the hand-back and P, its standby, has replayed T's shutdown checkpoint. */
    private static boolean replayedPast(NodeContext p, NodeContext t) {
        Optional<Lsn> last = t.facts().dataDir().flatMap(d -> d.checkpointLsn());
        return last.isPresent() && p.replayed().filter(r -> r.compareTo(last.get()) > 0).isPresent();
    }

    private static HandoverResume resume(NodeContext p, NodeContext t, DesiredFiles files) {
        NodeWork primary = new NodeWork(p, Fate.KEEP, unchanged());
        NodeWork target = new NodeWork(t, Fate.KEEP, unchanged());
        RollingSequence sequence = new RollingSequence();
        NodeFiles asStandby = files.standbyOf(p.host(), t.name());
        String standbyConf = asStandby.pgconvergeConf();
        String primaryConf = files.of(p.host()).pgconvergeConf();
        HandoverSteps steps = new HandoverSteps(primary, target, List.of("the configuration already written"),
                sequence);
        steps.resumeHandOver(standbyConf, asStandby.standbySignal().orElseThrow());
        steps.handBack(files.of(t.host()).standbySignal().orElseThrow(), standbyConf, primaryConf);
        List<Task> tasks = new ArrayList<>(primary.all());
        tasks.addAll(target.all());
        Notice notice = Notice.about(p.name(), "an earlier apply was interrupted during the " + p.intent()
                .map(Intent::describe).orElseThrow() + ": " + state(p, t) + ", so this plan completes the handover");
        return new HandoverResume(tasks, sequence.edges(), notice);
    }

    private static String state(NodeContext p, NodeContext t) {
        if (!t.running()) {
            return t.name() + " was shut down cleanly to hand the role back (" + t.position() + ") and " + p.name()
                    + ", its standby, has replayed past it";
        }
        return t.name() + " is primary (" + t.position() + ") and " + p.name() + " " + (p.running()
                ? "runs as its standby" : "stopped cleanly (" + p.position() + ") where its timeline begins");
    }

    private static NodeConfig unchanged() {
        return new NodeConfig(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), false, Map.of(), false, List.of(), List.of());
    }

    public List<Task> tasks() {
        return tasks;
    }

    public List<RollingSequence.Edge> edges() {
        return edges;
    }

    /** Why the plan is the rest of a handover. */
    public Notice notice() {
        return notice;
    }
}
