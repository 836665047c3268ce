package io.pgconverge.plan.slots;

import io.pgconverge.facts.SlotFact;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.model.ReplicationSpec;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.Notice;
import io.pgconverge.plan.task.CreateSlot;
import io.pgconverge.plan.task.DropSlot;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.topology.Topology;
import io.pgconverge.plan.topology.Upstreams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans the physical replication slots: one per standby (see {@link SlotNames}) on the node it streams from (the
 * primary, or the standby it cascades from; a standby can hold physical slots), created by a
 * CreateSlot task that reserves WAL at once, before any base backup starts: with pg_basebackup {@code -C} the slot
 * would reserve WAL only after the backup's checkpoint, and a second backup's checkpoint running meanwhile could
 * remove the segments the first one still has to stream. A lost
 * slot is dropped and made again; slots of the engine's naming that no member uses are dropped when
 * inactive; every other slot is left alone and reported.
 */
public final class SlotPlanner {
    private final Cluster cluster;

    public SlotPlanner(Cluster cluster) {
        this.cluster = cluster;
    }

    public SlotPlan plan(NodeContext primary, List<NodeContext> nodes, Topology topology, Upstreams upstreams) {
        Optional<ReplicationSpec> spec = cluster.desired().replication();
        if (spec.isEmpty() || !topology.primaryReady()) {
            return SlotPlan.none();
        }
        List<Task> tasks = new ArrayList<>();
        Map<String, SlotPlan.BackupSlot> forBackup = new HashMap<>();
        Map<String, List<Task>> before = new HashMap<>();
        for (Host standby : spec.get().slots() ? cluster.standbys() : List.<Host>of()) {
            Fate fate = topology.fate(standby.name());
            if (fate == Fate.UNREACHABLE || fate == Fate.DEFERRED) {
                continue;
            }
            String name = SlotNames.of(spec.get(), standby);
            NodeContext sender = nodes.stream().filter(n -> n.name().equals(upstreams.sourceOf(standby.name()).name()))
                    .findFirst().orElse(primary);
            List<Task> own = forStandby(sender, standby, name, physical(sender).get(name), fate, forBackup);
            tasks.addAll(own);
            before.put(standby.name(), own);
        }
        Set<String> wanted = spec.get().slots() ? upstreams.childrenOf(primary.name(), cluster.standbys()).stream()
                .map(s -> SlotNames.of(spec.get(), cluster.host(s).orElseThrow())).collect(Collectors.toSet())
                : Set.of();
        List<Notice> warnings = new ArrayList<>();
        for (SlotFact slot : physical(primary).values()) {
            if (!wanted.contains(slot.name())) {
                Optional<Task> drop = cascaded(primary, slot, spec.get(), upstreams).or(() -> stray(primary, slot));
                drop.ifPresentOrElse(tasks::add, () -> warnings.add(strayWarning(primary, slot)));
            }
        }
        return new SlotPlan(tasks, forBackup, before, warnings);
    }

    private static Map<String, SlotFact> physical(NodeContext node) {
        Map<String, SlotFact> existing = new LinkedHashMap<>();
        node.server().ifPresent(s -> s.slots().stream().filter(f -> f.type().equals("physical"))
                .forEach(f -> existing.put(f.name(), f)));
        return existing;
    }

    /** The primary's slot of a standby that streams from another standby now: dropped once it is re-pointed. */
    private Optional<Task> cascaded(NodeContext primary, SlotFact slot, ReplicationSpec spec, Upstreams upstreams) {
        return cluster.standbys().stream().filter(h -> upstreams.cascades(h.name()))
                .filter(h -> SlotNames.of(spec, h).equals(slot.name())).findFirst()
                .map(h -> new DropSlot(primary.name() + "/slot/" + slot.name(), primary.name(), slot.name(),
                        h.name() + " streams from " + upstreams.sourceOf(h.name()).name() + ", through a slot there"));
    }

    private List<Task> forStandby(NodeContext sender, Host standby, String name, SlotFact fact, Fate fate,
                                  Map<String, SlotPlan.BackupSlot> forBackup) {
        String id = sender.name() + "/slot/" + name;
        boolean lost = fact != null && fact.walStatus().filter("lost"::equals).isPresent();
        List<Task> tasks = new ArrayList<>();
        if (lost) {
            tasks.add(new DropSlot(id + "/lost", sender.name(), name, "the slot lost the WAL " + standby.name()
                    + " needs; it is made again"));
        }
        boolean missing = fact == null || lost;
        if (fate == Fate.REBUILD) {
            forBackup.put(standby.name(), new SlotPlan.BackupSlot(Optional.of(name), false));
        }
        if (missing) {
            String keeps = sender.desiredPrimary() ? "the primary keeps" : sender.name() + " (a standby it cascades "
                    + "from) keeps";
            tasks.add(new CreateSlot(id, sender.name(), name, standby.name(), sender.version(),
                    standby.name() + " streams through it; " + keeps + " the WAL it has not received"));
        }
        return tasks;
    }

    private static Optional<Task> stray(NodeContext primary, SlotFact slot) {
        if (!SlotNames.looksEngineMade(slot.name()) || slot.active()) {
            return Optional.empty();
        }
        return Optional.of(new DropSlot(primary.name() + "/slot/" + slot.name(), primary.name(), slot.name(),
                "no member of the cluster uses it, and it would retain WAL forever"));
    }

    private static Notice strayWarning(NodeContext primary, SlotFact slot) {
        if (SlotNames.looksEngineMade(slot.name())) {
            return Notice.about(primary.name(), "no member of the cluster uses slot " + slot.name()
                    + ", but it is active, so it is left alone");
        }
        String state = slot.active() ? "it is active" : "it is inactive and retains WAL"
                + slot.restartLsn().map(l -> " from " + l).orElse("");
        return Notice.about(primary.name(), "slot " + slot.name() + " was not made by pgconverge and is left alone; "
                + state);
    }
}
