package io.pgconverge.plan.topology;

import io.pgconverge.plan.NodeWork;
import io.pgconverge.plan.PlanGraph;
import io.pgconverge.plan.slots.SlotPlan;
import io.pgconverge.plan.task.CreateSlot;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Rewind;
import io.pgconverge.plan.task.Start;
import io.pgconverge.plan.task.Task;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orders a change of primary:
 * <ul>
 * <li>the old primary's fence before the new primary's wait for its last WAL, the wait before the promotion;</li>
 * <li>the new primary's slots for its standbys-to-be made while it is still a standby, before its promotion (unless
 *     it restarts then): they keep, from its last restartpoint on, the WAL the other nodes still need, which the
 *     checkpoints after the promotion would otherwise remove while writes go on (for good when the apply is
 *     killed between the promotion and the slots);</li>
 * <li>everything else on the new primary after its promotion, its slots before its checkpoint;</li>
 * <li>every other node's tasks (but its stop or fence) after that checkpoint: nothing points at the new primary
 *     before it is one, and an interrupted switchover leaves the old primary able to take its role back;</li>
 * <li>a rewind after the primary's checkpoint and start, and after the slot the node will stream through;</li>
 * <li>a standby's reload or start after its slot on the new primary; a demoted or rejoined node's slot drops
 *     after the other standbys were re-pointed, so that none of them streams from it any more.</li>
 * </ul>
 */
public final class TakeoverWiring {
    private final PlanGraph.Builder graph;
    private final Map<String, NodeWork> work;
    private final SlotPlan slots;
    private final Topology topology;

    public TakeoverWiring(PlanGraph.Builder graph, Map<String, NodeWork> work, SlotPlan slots, Topology topology) {
        this.graph = graph;
        this.work = work;
        this.slots = slots;
        this.topology = topology;
    }

    public void wire(NodeWork primary) {
        if (primary.promote.isPresent()) {
            promotion(primary);
        }
        edge(primary.activation.filter(a -> a instanceof Start), primary.checkpoint);
        for (NodeWork w : work.values()) {
            if (w == primary) {
                continue;
            }
            if (w.rebuild.isEmpty()) {
                edge(w.stop, w.activation);
            }
            edge(primary.checkpoint, w.rebuild.filter(r -> r instanceof Rewind));
            edge(primary.activation.filter(a -> a instanceof Start), w.rebuild.filter(r -> r instanceof Rewind));
            List<Task> own = slots.before(w.name());
            Optional<Task> first = w.rebuild.isPresent() ? w.rebuild : w.activation;
            if (topology.takeover().isPresent() || topology.becomesStandby(w.name())) {
                own.forEach(s -> edge(Optional.of(s), first));
            }
            if (topology.becomesStandby(w.name())) {
                reRoutedFirst(primary, w);
            }
        }
    }

    private void promotion(NodeWork p) {
        topology.takeover().flatMap(Takeover::oldPrimary).map(work::get)
                .ifPresent(old -> edge(old.stop, p.waitForReplay.isPresent() ? p.waitForReplay : p.promote));
        edge(p.waitForReplay, p.promote);
        boolean slotsFirst = p.activation.filter(a -> a instanceof Restart || a instanceof Start).isEmpty();
        for (Task t : p.all()) {
            if (slotsFirst && t instanceof CreateSlot) {
                edge(Optional.of(t), p.promote);
            } else if (t != p.promote.get() && !p.waitForReplay.filter(t::equals).isPresent()) {
                edge(p.promote, Optional.of(t));
            }
        }
        p.sql.stream().filter(t -> t instanceof CreateSlot).forEach(s -> edge(Optional.of(s), p.checkpoint));
        for (NodeWork w : work.values()) {
            if (w != p) {
                w.all().stream().filter(t -> !w.stop.filter(t::equals).isPresent())
                        .forEach(t -> edge(p.checkpoint, Optional.of(t)));
            }
        }
    }

    /** The other standbys follow the new primary before a former primary's slots are dropped. */
    private void reRoutedFirst(NodeWork primary, NodeWork former) {
        for (NodeWork other : work.values()) {
            if (other != primary && other != former && !topology.becomesStandby(other.name())) {
                for (Task drop : former.sql) {
                    edge(other.activation, Optional.of(drop));
                }
            }
        }
    }

    private void edge(Optional<? extends Task> before, Optional<? extends Task> after) {
        if (before.isPresent() && after.isPresent() && !before.get().id().equals(after.get().id())) {
            graph.edge(before.get(), after.get());
        }
    }
}
