package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.RoleFact;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.EngineException;
import io.pgconverge.model.Host;
import io.pgconverge.model.NodePaths;
import io.pgconverge.model.Secret;
import io.pgconverge.plan.access.RolePlanner;
import io.pgconverge.plan.access.SaltSource;
import io.pgconverge.plan.config.ConfigPlanner;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.config.FileRenderer;
import io.pgconverge.plan.config.NodeConfig;
import io.pgconverge.plan.config.ResolvedSecrets;
import io.pgconverge.plan.rolling.ConcernNotices;
import io.pgconverge.plan.rolling.HandoverRestart;
import io.pgconverge.plan.rolling.HandoverResume;
import io.pgconverge.plan.rolling.RollingSequence;
import io.pgconverge.plan.service.ServiceChecks;
import io.pgconverge.plan.service.ServiceCommands;
import io.pgconverge.plan.slots.SlotPlan;
import io.pgconverge.plan.slots.SlotPlanner;
import io.pgconverge.plan.slots.StandbySlots;
import io.pgconverge.plan.task.BaseBackup;
import io.pgconverge.plan.task.InitDb;
import io.pgconverge.plan.task.Reload;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Start;
import io.pgconverge.plan.task.Stop;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.topology.MajorVersionCheck;
import io.pgconverge.plan.topology.TakeoverTasks;
import io.pgconverge.plan.topology.Topology;
import io.pgconverge.plan.topology.TopologyNotices;
import io.pgconverge.plan.topology.TopologyPlanner;
import io.pgconverge.plan.topology.Upstreams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a {@link Plan} from a cluster's desired state and its facts: a pure function of its inputs
 * (cluster, facts, resolved secrets, and the salt source and file renderer it was made with). It holds no
 * connection and reads no file; node files come from the {@link FileRenderer} it is given.
 */
public final class Planner {
    private final FileRenderer renderer;
    private final SaltSource salts;

    public Planner(FileRenderer renderer, SaltSource salts) {
        this.renderer = renderer;
        this.salts = salts;
    }

    public Plan plan(Cluster cluster, ClusterFacts facts, ResolvedSecrets secrets) {
        return plan(cluster, facts, secrets, PlanOptions.defaults());
    }

    public Plan plan(Cluster cluster, ClusterFacts facts, ResolvedSecrets secrets, PlanOptions options) {
        List<NodeContext> nodes = contexts(cluster, facts);
        NodeContext primary = nodes.stream().filter(NodeContext::desiredPrimary).findFirst()
                .orElseThrow(() -> new EngineException("The desired primary " + cluster.desired().primary()
                        + " is not a host of the group " + cluster.desired().group() + "."));
        List<NodeContext> standbys = nodes.stream().filter(n -> !n.desiredPrimary()).toList();
        Topology topology = new TopologyPlanner(cluster, options).decide(primary, standbys);
        List<Notice> warnings = new ArrayList<>(topology.warnings());
        warnings.addAll(ConcernNotices.of(nodes));
        warnings.addAll(LeftoverNotices.of(nodes));
        List<Notice> refusals = new ArrayList<>(ServiceChecks.refusals(nodes));
        refusals.addAll(MajorVersionCheck.refusals(primary, standbys));
        refusals.addAll(topology.refusals());
        Upstreams upstreams = Upstreams.of(cluster, topology);
        warnings.addAll(upstreams.notices());
        warnings.addAll(TopologyNotices.delayedSwitchover(primary, topology));
        DesiredFiles desiredFiles = new DesiredFiles(cluster, secrets, renderer, upstreams);
        Optional<HandoverResume> resume = HandoverResume.of(cluster, nodes, desiredFiles);
        if (resume.isPresent()) {
            return resumed(cluster, resume.get(), ServiceChecks.refusals(nodes));
        }
        ConfigPlanner configPlanner = new ConfigPlanner(cluster);
        Map<String, NodeWork> work = new LinkedHashMap<>();
        for (NodeContext node : nodes) {
            Fate fate = topology.fate(node.name());
            if (fate != Fate.UNREACHABLE && fate != Fate.DEFERRED) {
                NodeConfig config = configPlanner.plan(node, fate, desiredFiles.of(node.host()));
                warnings.addAll(config.warnings());
                refusals.addAll(config.refusals());
                work.put(node.name(), new NodeWork(node, fate, config));
            }
        }
        List<Task> roles = roles(cluster, primary, topology, secrets);
        SlotPlan slots = new SlotPlanner(cluster).plan(primary, nodes, topology, upstreams);
        warnings.addAll(slots.warnings());
        NodeWork primaryWork = work.get(primary.name());
        if (primaryWork != null) {
            primaryWork.sql.addAll(roles);
        }
        slots.tasks().stream().filter(t -> work.containsKey(t.host())).forEach(t -> work.get(t.host()).sql.add(t));
        StandbySlots standbySlots = new StandbySlots(cluster, upstreams);
        for (NodeWork w : work.values()) {
            topologyTasks(cluster, w, topology, slots, desiredFiles, upstreams);
            activation(w, topology, !roles.isEmpty() && w.node.desiredPrimary());
            w.sql.addAll(standbySlots.drops(w));
        }
        new TakeoverTasks(cluster, topology, secrets, desiredFiles).add(work);
        work.values().forEach(IntentTasks::add);
        HandoverRestart handover = HandoverRestart.plan(cluster, desiredFiles, work);
        refusals.addAll(handover.refusals());
        warnings.addAll(handover.warnings());
        PlanWiring wiring = new PlanWiring(cluster, work, roles, slots, topology, upstreams, handover.edges());
        wiring.wire();
        refusals.addAll(wiring.refusals());
        warnings.addAll(wiring.warnings());
        PlanGraph graph = wiring.finish();
        List<String> hosts = cluster.members().stream().map(Host::name).toList();
        List<Notice> needsYes = graph.order().isEmpty() ? List.of()
                : TopologyNotices.needingYes(cluster.desired(), unavailable(nodes, topology));
        return Plan.of(cluster.desired().source(), hosts, graph, warnings, refusals, needsYes);
    }

    /**
     * An interrupted restart by handover is completed before anything else: once the playbook's primary is primary
     * again, the next plan converges whatever else there is.
     */
    private static Plan resumed(Cluster cluster, HandoverResume resume, List<Notice> refusals) {
        PlanGraph.Builder graph = PlanGraph.builder();
        resume.tasks().forEach(graph::add);
        for (RollingSequence.Edge e : resume.edges()) {
            graph.edge(e.before(), e.after());
        }
        List<String> hosts = cluster.members().stream().map(Host::name).toList();
        return Plan.of(cluster.desired().source(), hosts, graph.build(PlanWiring.tieBreaker(cluster.members())),
                List.of(resume.notice()), refusals, List.of());
    }

    /** Nodes that will not stream when the plan starts: down, unreachable, or rebuilt. */
    private static java.util.Set<String> unavailable(List<NodeContext> nodes, Topology topology) {
        return nodes.stream().filter(n -> !n.running() || topology.fate(n.name()) == Fate.REBUILD
                || topology.fate(n.name()) == Fate.UNREACHABLE).map(NodeContext::name)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static List<NodeContext> contexts(Cluster cluster, ClusterFacts facts) {
        List<NodeContext> nodes = new ArrayList<>();
        for (Host host : cluster.members()) {
            NodeFacts nodeFacts = facts.node(host.name())
                    .orElse(NodeFacts.unreachable(host.name(), "no facts were gathered"));
            nodes.add(new NodeContext(host, nodeFacts, host.name().equals(cluster.desired().primary())));
        }
        return nodes;
    }

    private List<Task> roles(Cluster cluster, NodeContext primary, Topology topology, ResolvedSecrets secrets) {
        Fate fate = topology.fate(primary.name());
        if (!topology.primaryReady() || fate == Fate.UNREACHABLE) {
            return List.of();
        }
        Map<String, RoleFact> existing = fate == Fate.INIT_DB
                ? Map.of(primary.host().serverUser(), RolePlanner.bootstrapSuperuser(primary.host().serverUser()))
                : primary.server().orElseThrow().roles();
        return new RolePlanner(secrets, salts, primary.version()).plan(primary.name(), cluster.desired().roles(),
                existing);
    }

    private static void topologyTasks(Cluster cluster, NodeWork w, Topology topology, SlotPlan slots,
                                      DesiredFiles desiredFiles, Upstreams upstreams) {
        NodeContext node = w.node;
        String name = node.name();
        if (w.fate == Fate.INIT_DB) {
            w.rebuild = Optional.of(new InitDb(name + "/initdb", name, node.host().pg().dataDir(),
                    node.host().pg().binDir(), node.version(), topology.reason(name), node.host().serverUser()));
        } else if (w.fate == Fate.REBUILD) {
            if (node.running()) {
                w.stop = Optional.of(new Stop(name + "/stop", name, node.service().stop(),
                        "the data directory is replaced"));
            }
            Host source = upstreams.sourceOf(name);
            NodePaths paths = node.paths();
            SlotPlan.BackupSlot slot = slots.backupSlot(name);
            Secret password = desiredFiles.replicationPassword().orElse(new Secret(""));
            w.rebuild = Optional.of(new BaseBackup(name + "/basebackup", name, source.name(),
                    source.address(), source.pg().port(), cluster.desired().replication().orElseThrow().user(),
                    slot.slot(), slot.create(), node.host().pg().dataDir(), node.dataDirExists(), paths.stagingDir(),
                    paths.asidePrefix(), node.host().pg().binDir(), node.version(),
                    node.host().pg().configDir() + "/pgconverge-basebackup.pgpass", password, topology.reason(name),
                    node.host().serverUser()));
        }
    }

    private static void activation(NodeWork w, Topology topology, boolean runsRoles) {
        String name = w.name();
        ServiceCommands service = w.node.service();
        if (w.fate == Fate.INIT_DB || w.fate == Fate.REBUILD || w.fate == Fate.START || topology.becomesStandby(name)) {
            String reason = w.fate == Fate.START || w.fate == Fate.DEMOTE ? topology.reason(name)
                    : w.fate == Fate.REJOIN ? "it starts as a standby of the primary"
                    : "the new data directory is ready";
            w.activation = Optional.of(new Start(name + "/start", name, service.start(), reason));
            if (runsRoles && w.config.hba().isPresent()) {
                w.hbaReload = Optional.of(new Reload(name + "/reload", name, service.reload(),
                        "pg_hba.conf takes effect once the roles it needs exist"));
            }
        } else if (!w.config.restartFor().isEmpty()) {
            w.activation = Optional.of(new Restart(name + "/restart", name, service.restart(),
                    w.config.restartFor(), "changes of " + String.join(", ", w.config.restartFor())
                    + " take effect only on restart"));
        } else if (w.config.reload()) {
            w.activation = Optional.of(new Reload(name + "/reload", name, service.reload(),
                    "the changed configuration takes effect on reload"));
        }
    }
}
