package io.pgconverge.plan.slots;

import io.pgconverge.facts.SlotFact;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.model.Intent;
import io.pgconverge.model.ReplicationSpec;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.NodeWork;
import io.pgconverge.plan.task.DropSlot;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.topology.Upstreams;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Slots on nodes that are (or become) standbys: a former primary keeps the slots its standbys streamed through
 * (pg_rewind leaves them too), and on a standby they would retain WAL forever. A demoted or rejoining node's
 * slots of the engine's naming are dropped once it runs as a standby (all the names its standbys used when its
 * slots are unknown), and so are those of a stopped former primary that an interrupted apply left with its standby
 * settings but never started (shut down as a primary, or rewound); a standby's inactive ones are dropped whenever
 * found, and those of members that stream from elsewhere once they are re-pointed, but never those its cascading
 * standbys stream through. Other slots are left alone.
 */
public final class StandbySlots {
    private final Cluster cluster;
    private final Upstreams upstreams;

    public StandbySlots(Cluster cluster, Upstreams upstreams) {
        this.cluster = cluster;
        this.upstreams = upstreams;
    }

    public List<Task> drops(NodeWork w) {
        Optional<ReplicationSpec> spec = cluster.desired().replication();
        if (spec.isEmpty() || w.node.desiredPrimary()) {
            return List.of();
        }
        boolean turning = w.fate == Fate.DEMOTE || w.fate == Fate.REJOIN
                || w.fate == Fate.START && stoppedFormerPrimary(w.node);
        Set<String> names = new TreeSet<>();
        if (turning && (w.fate == Fate.REJOIN || w.node.server().isEmpty())) {
            cluster.members().stream().filter(h -> !h.name().equals(w.name()))
                    .map(h -> SlotNames.of(spec.get(), h)).forEach(names::add);
        }
        boolean keep = w.fate == Fate.KEEP && w.node.inRecovery();
        Set<String> children = new TreeSet<>();
        upstreams.childrenOf(w.name(), cluster.standbys()).forEach(c -> children.add(
                SlotNames.of(spec.get(), cluster.host(c).orElseThrow())));
        for (SlotFact slot : w.node.server().map(s -> s.slots()).orElse(List.of())) {
            if (slot.type().equals("physical") && engineMade(spec.get(), slot.name())
                    && (turning || keep && (!slot.active() || repointed(spec.get(), slot.name())))) {
                names.add(slot.name());
            }
        }
        names.removeAll(children);
        List<Task> tasks = new ArrayList<>();
        String reason = turning ? "a former primary keeps the slots its standbys used; as a standby it would retain "
                + "WAL for them forever" : "no standby streams from " + w.name() + " through it; it would retain WAL "
                + "forever";
        for (String name : names) {
            tasks.add(new DropSlot(w.name() + "/slot/" + name, w.name(), name, reason));
        }
        return tasks;
    }

    /**
     * Down, and its data directory was last a primary's: shut down out of recovery (its standby settings written
     * since, as a switchover does after the fence), or rewound (pg_rewind keeps the slots).
     */
    private static boolean stoppedFormerPrimary(NodeContext node) {
        boolean shutDownAsPrimary = node.facts().dataDir().flatMap(d -> d.clusterState())
                .filter("shut down"::equals).isPresent();
        boolean rewound = node.intent().filter(i -> i.action() == Intent.Action.REWIND).isPresent();
        return node.server().isEmpty() && (shutDownAsPrimary || rewound);
    }

    /** The slot of a member that streams from elsewhere in this plan: dropped once that member is re-pointed. */
    private boolean repointed(ReplicationSpec spec, String slot) {
        return cluster.members().stream().anyMatch(h -> SlotNames.of(spec, h).equals(slot));
    }

    private boolean engineMade(ReplicationSpec spec, String slot) {
        if (SlotNames.looksEngineMade(slot)) {
            return true;
        }
        for (Host h : cluster.members()) {
            if (SlotNames.of(spec, h).equals(slot)) {
                return true;
            }
        }
        return false;
    }
}
