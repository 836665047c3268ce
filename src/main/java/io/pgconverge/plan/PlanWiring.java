package io.pgconverge.plan;

import io.pgconverge.facts.UpstreamFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.model.NodePaths;
import io.pgconverge.model.ReplicationSpec;
import io.pgconverge.plan.rolling.RollingOrder;
import io.pgconverge.plan.rolling.RollingSequence;
import io.pgconverge.plan.slots.SlotNames;
import io.pgconverge.plan.slots.SlotPlan;
import io.pgconverge.plan.task.BaseBackup;
import io.pgconverge.plan.task.CreateSlot;
import io.pgconverge.plan.task.DropSlot;
import io.pgconverge.plan.task.RecordApplied;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Start;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.TaskKind;
import io.pgconverge.plan.task.VerifyReplication;
import io.pgconverge.plan.topology.ExpectedStandby;
import io.pgconverge.plan.topology.TakeoverWiring;
import io.pgconverge.plan.topology.Topology;
import io.pgconverge.plan.topology.Upstreams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts the tasks of every node into the plan graph with their dependencies:
 * <ul>
 * <li>on a node: stop, then initdb or base backup, then the file writes, then the start, restart or reload
 *     that makes them take effect; SQL on a node that starts runs after the start, slot changes on a node that
 *     restarts after the restart (a server shutting down refuses connections);</li>
 * <li>role changes before every pg_hba.conf write (a password is set before an hba rule requires it);
 *     on a primary that is started, pg_hba.conf is written after the roles and reloaded;</li>
 * <li>a standby's base backup after the primary's configuration took effect, its roles and its slot, and a
 *     cascading standby's after its upstream runs;</li>
 * <li>a standby pointed at another upstream after its slot there, and its slot on the node it leaves dropped
 *     after it follows the new one;</li>
 * <li>hot-standby parameters: raised, standbys restart first; lowered, the primary first and each standby once
 *     it has replayed the new values ({@link RollingOrder}); a primary restarted by handover, after the
 *     standbys' restarts, through two switchovers ({@code HandoverRestart});</li>
 * <li>a replication check after everything when replication was touched, and on each node an applied
 *     record after its last task.</li>
 * </ul>
 */
public final class PlanWiring {
    private static final Set<TaskKind> REPLICATION_KINDS = EnumSet.of(TaskKind.INIT_DB, TaskKind.BASE_BACKUP,
            TaskKind.CREATE_SLOT, TaskKind.DROP_SLOT, TaskKind.START, TaskKind.STOP, TaskKind.RESTART,
            TaskKind.PROMOTE, TaskKind.REWIND, TaskKind.FENCE, TaskKind.WAIT_FOR_REPLAY,
            TaskKind.WAIT_FOR_CONTROL_DATA);
    public static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(120);

    private final Cluster cluster;
    private final Map<String, NodeWork> work;
    private final List<Task> roles;
    private final SlotPlan slots;
    private final Topology topology;
    private final Upstreams upstreams;
    private final List<RollingSequence.Edge> handover;
    private final PlanGraph.Builder graph = PlanGraph.builder();
    private final List<Notice> refusals = new ArrayList<>();
    private final List<Notice> warnings = new ArrayList<>();

    /** @param handover the order of a restart by handover ({@code restart_method: switchover}), else empty */
    public PlanWiring(Cluster cluster, Map<String, NodeWork> work, List<Task> roles, SlotPlan slots, Topology topology,
                      Upstreams upstreams, List<RollingSequence.Edge> handover) {
        this.cluster = cluster;
        this.work = work;
        this.roles = List.copyOf(roles);
        this.slots = slots;
        this.topology = topology;
        this.upstreams = upstreams;
        this.handover = List.copyOf(handover);
    }

    public List<Notice> refusals() {
        return List.copyOf(refusals);
    }

    public List<Notice> warnings() {
        return List.copyOf(warnings);
    }

    public void wire() {
        NodeWork primary = work.get(cluster.desired().primary());
        RollingOrder rolling = primary == null ? RollingOrder.none()
                : RollingOrder.plan(cluster.desired().settings(), primary, work.values());
        refusals.addAll(rolling.refusals());
        warnings.addAll(rolling.warnings());
        work.values().forEach(w -> w.all().forEach(graph::add));
        work.values().forEach(this::nodeEdges);
        for (Task role : roles) {
            work.values().forEach(w -> edge(Optional.of(role), w.config.hba()));
            work.values().forEach(w -> edge(Optional.of(role), w.config.passfile()));
        }
        rolling.edges().forEach(e -> graph.edge(e.before(), e.after()));
        handover.forEach(e -> graph.edge(e.before(), e.after()));
        if (primary != null) {
            work.values().stream().filter(w -> w != primary).forEach(w -> backupEdges(primary, w));
            new TakeoverWiring(graph, work, slots, topology).wire(primary);
        }
        work.values().forEach(this::dropsAfterRepointing);
        work.values().stream().filter(w -> w != primary).forEach(this::slotBeforeRepointing);
    }

    /** A standby pointed at another upstream follows it only once its slot there exists. */
    private void slotBeforeRepointing(NodeWork w) {
        String source = upstreams.sourceOf(w.name()).address();
        boolean follows = w.node.upstream().flatMap(UpstreamFacts::followedHost).filter(source::equals).isPresent();
        if (!follows && w.rebuild.isEmpty()) {
            slots.before(w.name()).forEach(s -> edge(Optional.of(s), w.activation));
        }
    }

    /** A slot of a member that streams from elsewhere is dropped once that member follows its new upstream. */
    private void dropsAfterRepointing(NodeWork w) {
        Optional<ReplicationSpec> spec = cluster.desired().replication();
        for (Task t : w.sql) {
            if (!(t instanceof DropSlot drop) || spec.isEmpty()) {
                continue;
            }
            cluster.members().stream().filter(h -> !h.name().equals(w.name()))
                    .filter(h -> !upstreams.sourceOf(h.name()).name().equals(w.name()))
                    .filter(h -> SlotNames.of(spec.get(), h).equals(drop.slot()))
                    .map(h -> work.get(h.name())).filter(java.util.Objects::nonNull)
                    .forEach(member -> edge(member.activation, Optional.of(drop)));
        }
    }

    private void nodeEdges(NodeWork w) {
        edge(w.intent, w.stop);
        edge(w.intent, w.rebuild);
        edge(w.activation, w.intentDone);
        edge(w.promote, w.intentDone);
        edge(w.stop, w.rebuild);
        List<Task> files = new ArrayList<>(w.beforeActivation());
        w.config.hba().ifPresent(files::add);
        w.config.passfile().ifPresent(files::add);
        if (!w.node.desiredPrimary()) {
            edge(w.config.passfile(), w.activation);
        }
        files.forEach(f -> edge(w.rebuild, Optional.of(f)));
        edge(w.rebuild, w.activation);
        w.beforeActivation().forEach(t -> edge(Optional.of(t), w.activation));
        if (w.hbaReload.isPresent()) {
            edge(w.config.hba(), w.hbaReload);
            edge(w.activation, w.hbaReload);
        } else {
            edge(w.config.hba(), w.activation);
        }
        boolean started = w.activation.filter(a -> a instanceof Start).isPresent();
        boolean restarted = w.activation.filter(a -> a instanceof Restart).isPresent();
        for (Task sql : w.sql) {
            if (started || restarted && (sql instanceof CreateSlot || sql instanceof DropSlot)) {
                edge(w.activation, Optional.of(sql));
            }
        }
    }

    private void backupEdges(NodeWork primary, NodeWork standby) {
        if (standby.rebuild.isEmpty() || !(standby.rebuild.get() instanceof BaseBackup)) {
            return;
        }
        edge(primary.activation, standby.rebuild);
        edge(primary.hbaReload, standby.rebuild);
        if (upstreams.cascades(standby.name())) {
            NodeWork source = work.get(upstreams.sourceOf(standby.name()).name());
            if (source != null) {
                edge(source.rebuild, standby.rebuild);
                edge(source.activation, standby.rebuild);
                edge(streamingFirst(primary, source, standby), standby.rebuild);
            }
        }
        roles.forEach(r -> edge(Optional.of(r), standby.rebuild));
        slots.before(standby.name()).forEach(s -> edge(Optional.of(s), standby.rebuild));
    }

    /** An upstream built in this plan streams before a cascading standby is copied from it. */
    private Optional<VerifyReplication> streamingFirst(NodeWork primary, NodeWork source, NodeWork standby) {
        Optional<ReplicationSpec> spec = cluster.desired().replication();
        if (source.rebuild.isEmpty() || spec.isEmpty()) {
            return Optional.empty();
        }
        String id = primary.name() + "/verify/" + source.name();
        if (graph.contains(id)) {
            return graph.tasks().stream().filter(t -> t.id().equals(id)).map(VerifyReplication.class::cast).findFirst();
        }
        VerifyReplication check = new VerifyReplication(id, primary.name(), List.of(expected(source.node.host(),
                spec.get())), VERIFY_TIMEOUT, "a cascading standby is copied from " + source.name() + " only once "
                + source.name() + " streams and has " + primary.name() + "'s latest write");
        graph.add(check);
        edge(source.activation, Optional.of(check));
        return Optional.of(check);
    }

    private ExpectedStandby expected(Host standby, ReplicationSpec spec) {
        return new ExpectedStandby(standby.name(), standby.address(), standby.name(),
                spec.slots() ? Optional.of(SlotNames.of(spec, standby)) : Optional.empty(),
                upstreams.sourceOf(standby.name()).name(),
                cluster.desired().topology().standby(standby.name()).applyDelay().isPresent());
    }

    public PlanGraph finish() {
        List<Task> tasks = graph.tasks();
        if (tasks.isEmpty()) {
            return graph.build(tieBreaker(cluster.members()));
        }
        Optional<VerifyReplication> verify = verify(topology, tasks);
        verify.ifPresent(v -> {
            graph.add(v);
            tasks.stream().filter(t -> graph.dependentsOf(t.id()).isEmpty()).forEach(t -> graph.edge(t, v));
        });
        Map<String, String> hostOf = new HashMap<>();
        tasks.forEach(t -> hostOf.put(t.id(), t.host()));
        verify.ifPresent(v -> hostOf.put(v.id(), v.host()));
        for (Host host : cluster.members()) {
            List<Task> own = tasks.stream().filter(t -> t.host().equals(host.name())).toList();
            if (own.isEmpty() && verify.filter(v -> v.host().equals(host.name())).isEmpty()) {
                continue;
            }
            RecordApplied record = new RecordApplied(host.name() + "/record-applied", host.name(),
                    NodePaths.of(host.pg()).appliedRecord(), cluster.desired().source(),
                    "facts and status show what was last applied here");
            graph.add(record);
            own.stream().filter(t -> graph.dependentsOf(t.id()).stream()
                    .noneMatch(d -> host.name().equals(hostOf.get(d)))).forEach(t -> graph.edge(t, record));
            verify.ifPresent(v -> graph.edge(v, record));
        }
        return graph.build(tieBreaker(cluster.members()));
    }

    private Optional<VerifyReplication> verify(Topology topology, List<Task> tasks) {
        Optional<ReplicationSpec> spec = cluster.desired().replication();
        String primary = cluster.desired().primary();
        boolean touched = tasks.stream().anyMatch(t -> REPLICATION_KINDS.contains(t.kind()))
                || work.values().stream().anyMatch(w -> w.config.replicationChanged());
        if (spec.isEmpty() || !touched || !work.containsKey(primary)) {
            return Optional.empty();
        }
        List<ExpectedStandby> expected = new ArrayList<>();
        for (Host standby : cluster.standbys()) {
            Fate fate = topology.fate(standby.name());
            if (fate == Fate.KEEP || fate == Fate.START || fate == Fate.REBUILD || topology.becomesStandby(standby.name())) {
                expected.add(expected(standby, spec.get()));
            }
        }
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VerifyReplication(primary + "/verify", primary, expected, VERIFY_TIMEOUT,
                "the plan changes replication; every standby must stream from " + primary
                        + (upstreams.sources().isEmpty() ? "" : " or the standby it cascades from")));
    }

    /** Host order, then kind, then id; applied records last of all, once everything else is done. */
    static Comparator<Task> tieBreaker(List<Host> members) {
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            order.put(members.get(i).name(), i);
        }
        return Comparator.<Task, Boolean>comparing(t -> t instanceof RecordApplied)
                .thenComparingInt(t -> order.getOrDefault(t.host(), Integer.MAX_VALUE))
                .thenComparing(Task::kind).thenComparing(Task::id);
    }

    private void edge(Optional<? extends Task> before, Optional<? extends Task> after) {
        if (before.isPresent() && after.isPresent()) {
            graph.edge(before.get(), after.get());
        }
    }
}
