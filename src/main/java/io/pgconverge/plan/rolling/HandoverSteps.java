package io.pgconverge.plan.rolling;

import io.pgconverge.model.Intent;
import io.pgconverge.plan.NodeWork;
import io.pgconverge.plan.PlanWiring;
import io.pgconverge.plan.task.Checkpoint;
import io.pgconverge.plan.task.Fence;
import io.pgconverge.plan.task.Promote;
import io.pgconverge.plan.task.Reload;
import io.pgconverge.plan.task.RemoveFile;
import io.pgconverge.plan.task.Start;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.VerifyReplication;
import io.pgconverge.plan.task.WaitForReplay;
import io.pgconverge.plan.task.WriteFile;
import io.pgconverge.plan.topology.ExpectedStandby;
import io.pgconverge.plan.topology.TakeoverTasks;

import java.util.List;
import java.util.Optional;

/**
 * The tasks of a restart by handover, in order: the primary {@code P} checkpoints and is shut down cleanly (its
 * activation: the configuration files are written before it); the standby {@code T} replays P's shutdown
 * checkpoint and is promoted; P gets a standby.signal and a pgconverge.conf that follows T (no slot: T has none
 * for it) and starts with its new configuration; T waits until P has replayed its current position over
 * streaming, checkpoints and is shut down cleanly; P replays T's shutdown checkpoint and is promoted, gets its
 * own pgconverge.conf back and reloads it; T gets its standby.signal back and starts as P's standby. Neither
 * switchover loses a commit, and neither needs a rewind: each old primary stopped where the new timeline begins.
 *
 * <p>Before P is fenced, an intent marker on P names T; it is removed once the role is handed back. An apply killed
 * in between leaves the marker, from which the next plan completes the handover ({@link HandoverResume}).
 */
final class HandoverSteps {
    private final NodeWork primary;
    private final NodeWork target;
    private final String p;
    private final String t;
    private final String changes;
    private final RollingSequence sequence;
    private Task first;
    private Task last;
    private Task primaryStart;

    HandoverSteps(NodeWork primary, NodeWork target, List<String> settings, RollingSequence sequence) {
        this.primary = primary;
        this.target = target;
        this.p = primary.name();
        this.t = target.name();
        this.changes = String.join(", ", settings);
        this.sequence = sequence;
    }

    /** The first task of the handover: every standby's restart comes before it. */
    Task first() {
        return first;
    }

    /** The last one: the playbook's primary is primary again. */
    Task last() {
        return last;
    }

    void handOver(String standbyConf, String standbySignal, String primaryConf) {
        first = new Checkpoint(p + "/handover-checkpoint", p, "restart_method switchover: changes of " + changes
                + " take effect only on restart, so " + p + " hands the primary role to " + t + " (the most "
                + "caught-up standby) instead of restarting in place; a checkpoint now keeps the shutdown short");
        Fence fence = new Fence(p + "/handover", p, primary.node.service().stop(), "a clean (fast) shutdown writes "
                + "the shutdown checkpoint and sends it to the standbys; " + p + " takes no writes until " + t
                + " is promoted");
        primary.activation = Optional.of(fence);
        WaitForReplay replay = new WaitForReplay(t + "/handover-replay", t, p, TakeoverTasks.REPLAY_TIMEOUT,
                "nothing committed on " + p + " may be lost: " + t + " is promoted only once it has replayed " + p
                + "'s shutdown checkpoint; if it does not within the time, " + p + " stays down with its new "
                + "configuration and the next apply starts it again as the primary");
        Promote promote = Promote.of(t + "/take-over", t, target.node.version(), target.node.service(), t
                + " takes writes while " + p + " restarts with its new configuration");
        WriteFile conf = new WriteFile(p + "/conf-as-standby", p, primary.node.paths().pgconvergeConf(),
                Optional.of(primaryConf), standbyConf, "0644", false, p + " follows " + t + " while " + t
                + " is primary");
        WriteFile signal = new WriteFile(p + "/handover-signal", p, primary.node.paths().standbySignal(),
                Optional.empty(), standbySignal, "0600", false, p + " starts as a standby of " + t);
        primaryStart = new Start(p + "/start-as-standby", p, primary.node.service().start(), p + " starts with its "
                + "new configuration (" + changes + ") as a standby of " + t + "; it stopped where " + t
                + "'s new timeline begins, so no rewind is needed");
        WriteFile intent = new WriteFile(p + "/handover-intent", p, primary.node.paths().intent(),
                primary.node.facts().leftovers().intent(), Intent.handover(t).text(), "0644", false, "an apply killed "
                + "from here on leaves a marker naming " + t + ": the next plan completes the handover from where "
                + "it stopped instead of finding two primaries");
        chain(first, intent, fence, replay, promote, conf, primaryStart);
        chain(promote, signal, primaryStart);
    }

    /**
     * What is left of the hand-over once T was promoted by an earlier apply: P's standby settings that it lacks and
     * its start as T's standby, unless it runs as such already.
     */
    void resumeHandOver(String standbyConf, String standbySignal) {
        if (primary.node.running()) {
            return;
        }
        String confPath = primary.node.paths().pgconvergeConf();
        Optional<String> conf = primary.node.content(confPath);
        primaryStart = new Start(p + "/start-as-standby", p, primary.node.service().start(), p + " starts with "
                + "its new configuration as a standby of " + t + "; it stopped where " + t + "'s timeline begins, "
                + "so no rewind is needed");
        sequence.add(primary, primaryStart);
        if (conf.filter(standbyConf::equals).isEmpty()) {
            chain(new WriteFile(p + "/conf-as-standby", p, confPath, conf, standbyConf, "0644", false, p
                    + " follows " + t + " while " + t + " is primary"), primaryStart);
        }
        if (!primary.node.facts().dataDir().map(d -> d.standbySignal()).orElse(false)) {
            chain(new WriteFile(p + "/handover-signal", p, primary.node.paths().standbySignal(), Optional.empty(),
                    standbySignal, "0600", false, p + " starts as a standby of " + t), primaryStart);
        }
    }

    /** The hand-back; from P's wait for T's shutdown checkpoint on when an earlier apply has fenced T already. */
    void handBack(String targetSignal, String standbyConf, String primaryConf) {
        VerifyReplication streams = new VerifyReplication(t + "/handover-streams", t, List.of(new ExpectedStandby(p,
                primary.node.host().address(), p, Optional.empty(), t, false)), PlanWiring.VERIFY_TIMEOUT, p + " must stream "
                + "from " + t + " and have replayed its current position before " + t + " hands the role back");
        Checkpoint checkpoint = new Checkpoint(t + "/hand-back-checkpoint", t, "a checkpoint now keeps "
                + t + "'s shutdown short");
        Fence targetFence = new Fence(t + "/hand-back", t, target.node.service().stop(), "a clean (fast) shutdown: "
                + t + " takes no writes until " + p + ", the playbook's primary, is promoted again");
        WaitForReplay replay = new WaitForReplay(p + "/hand-back-replay", p, t, TakeoverTasks.REPLAY_TIMEOUT,
                "nothing committed on " + t + " may be lost: " + p + " is promoted only once it has replayed " + t
                + "'s shutdown checkpoint");
        Promote promote = Promote.of(p + "/take-back", p, primary.node.version(), primary.node.service(), p
                + " is the playbook's primary: it takes the role back, running with " + changes + " in effect");
        WriteFile conf = new WriteFile(p + "/conf-as-primary", p, primary.node.paths().pgconvergeConf(),
                Optional.of(standbyConf), primaryConf, "0644", false, p + "'s own configuration as the primary");
        Reload reload = new Reload(p + "/reload-as-primary", p, primary.node.service().reload(), "the settings "
                + "of the primary's own configuration (synchronous standbys among them) take effect on reload");
        WriteFile signal = new WriteFile(t + "/hand-back-signal", t, target.node.paths().standbySignal(),
                Optional.empty(), targetSignal, "0600", false, t + " starts as a standby of " + p + " again");
        Start start = new Start(t + "/start-as-standby", t, target.node.service().start(), t + " follows " + p
                + " again; it stopped where " + p + "'s new timeline begins, so no rewind is needed");
        if (target.node.running()) {
            if (primaryStart != null) {
                chain(primaryStart, streams);
            }
            chain(streams, checkpoint, targetFence, replay, promote, conf, reload);
            chain(targetFence, signal, start);
        } else {
            chain(replay, promote, conf, reload);
            chain(signal, start);
        }
        chain(promote, start);
        RemoveFile done = new RemoveFile(p + "/handover-done", p, primary.node.paths().intent(),
                Optional.of(Intent.handover(t).text()), p + " is the primary again and " + t + " its standby: the "
                + "handover is complete");
        chain(reload, done);
        chain(start, done);
        last = promote;
    }

    /** Each of {@code tasks} runs once the one before it is done; each is one of its node's (but its activation). */
    private void chain(Task... tasks) {
        for (int i = 0; i < tasks.length; i++) {
            NodeWork node = tasks[i].host().equals(p) ? primary : target;
            if (node.activation.filter(tasks[i]::equals).isEmpty() && !node.rolling.contains(tasks[i])) {
                sequence.add(node, tasks[i]);
            }
            if (i > 0) {
                sequence.edge(tasks[i - 1], tasks[i]);
            }
        }
    }
}
