package io.pgconverge.plan.topology;

import io.pgconverge.facts.SlotFact;
import io.pgconverge.facts.UpstreamFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.ReplicationSpec;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.PlanOptions;
import io.pgconverge.plan.slots.SlotNames;

import java.util.List;
import java.util.Optional;

/**
 * Decides each node's {@link Fate} from its facts: which primary to initialise or start, which standby to
 * start and which to rebuild with a base backup, and when to refuse. A desired primary that is a standby is
 * handed to the {@link TakeoverPlanner} (switchover or failover); other nodes out of recovery beside a
 * primary to the {@link RejoinPlanner}.
 */
public final class TopologyPlanner {
    private final Cluster cluster;
    private final PlanOptions options;
    private final TopologyDraft draft = new TopologyDraft();
    private List<NodeContext> others = List.of();

    public TopologyPlanner(Cluster cluster, PlanOptions options) {
        this.cluster = cluster;
        this.options = options;
    }

    public Topology decide(NodeContext primary, List<NodeContext> standbys) {
        others = List.copyOf(standbys);
        Optional<Takeover> takeover = Optional.empty();
        Fate primaryFate;
        if (primary.reachable() && primary.dataKnown() && primary.dataInitialised() && primary.inRecovery()) {
            takeover = new TakeoverPlanner(options, draft).decide(primary, standbys);
            primaryFate = draft.fate(primary).orElse(Fate.KEEP);
            draft.fates.putIfAbsent(primary.name(), primaryFate);
        } else {
            primaryFate = primaryFate(primary);
            draft.fates.put(primary.name(), primaryFate);
            if (primaryFate == Fate.INIT_DB) {
                refuseClustersBesideAnEmptyPrimary(primary, standbys);
            } else if (primaryFate != Fate.UNREACHABLE) {
                new InterruptedRebuilds(draft).decide(primary, primaryFate, standbys);
                new RejoinPlanner(cluster, options, draft).decide(primary, standbys);
            }
        }
        boolean ready = primaryFate == Fate.INIT_DB
                || (primaryFate == Fate.KEEP || primaryFate == Fate.PROMOTE) && primary.server().isPresent();
        for (NodeContext standby : standbys) {
            if (!draft.decided(standby)) {
                decideStandby(primary, primaryFate, ready, standby, takeover.isPresent());
            }
        }
        if (primaryFate == Fate.START && !cluster.desired().roles().isEmpty()) {
            draft.warn(primary, "the server is down, so its roles and slots cannot be read; "
                    + "this apply starts it, and the next plan converges them");
        }
        return new Topology(draft.fates, draft.reasons, draft.warnings, draft.refusals, ready, takeover);
    }

    private Fate primaryFate(NodeContext p) {
        if (!p.reachable()) {
            draft.refuse(p, "the desired primary is unreachable ("
                    + p.facts().unreachableReason().orElse("no reason given") + "): nothing can be planned safely");
            return Fate.UNREACHABLE;
        }
        if (!p.dataKnown()) {
            draft.refuse(p, "the state of the desired primary's data directory could not be read");
            return Fate.UNREACHABLE;
        }
        if (!p.dataInitialised()) {
            draft.reasons.put(p.name(), "the desired primary has no initialised data directory");
            return Fate.INIT_DB;
        }
        if (p.unfinished().isPresent()) {
            draft.refuse(p, "its data directory may be half-made: an earlier apply was interrupted during a "
                    + p.unfinished().get().describe() + "; name another node as the primary, and this one is rebuilt");
            return Fate.UNREACHABLE;
        }
        if (!p.running()) {
            draft.reasons.put(p.name(), "the server is not running");
            return Fate.START;
        }
        if (p.server().isEmpty()) {
            draft.refuse(p, "the server runs but its SQL facts could not be read ("
                    + p.facts().serverError().orElse("no reason given") + ")");
        }
        return Fate.KEEP;
    }

    private void refuseClustersBesideAnEmptyPrimary(NodeContext p, List<NodeContext> standbys) {
        for (NodeContext s : standbys) {
            if (s.reachable() && s.dataInitialised()) {
                draft.refuse(s, "it holds a cluster (system identifier "
                        + s.systemIdentifier().map(String::valueOf).orElse("unknown") + ") while the desired primary "
                        + p.name() + " has none: refusing to initialise an empty primary and rebuild " + s.name()
                        + " from it; name " + s.name() + " as the primary, or move its data directory aside");
            }
        }
    }

    private void decideStandby(NodeContext p, Fate primaryFate, boolean primaryReady, NodeContext s,
                               boolean takeover) {
        if (!s.reachable()) {
            draft.decide(s, Fate.UNREACHABLE, "");
            draft.warn(s, "unreachable (" + s.facts().unreachableReason().orElse("no reason given")
                    + "): nothing is planned for it");
            return;
        }
        if (!s.dataKnown()) {
            draft.decide(s, Fate.DEFERRED, "");
            draft.warn(s, "the state of its data directory could not be read: nothing is planned for it");
            return;
        }
        if (cluster.desired().replication().isEmpty()) {
            decideWithoutReplication(s);
            return;
        }
        Optional<String> rebuild = rebuildReason(p, primaryFate, s, takeover);
        if (rebuild.isPresent() && !primaryReady) {
            draft.decide(s, Fate.DEFERRED, "");
            draft.warn(s, "needs a base backup (" + rebuild.get() + ") once " + p.name()
                    + " is ready; nothing is planned for it before the next apply");
        } else if (rebuild.isPresent()) {
            draft.decide(s, Fate.REBUILD, rebuild.get());
        } else if (!s.running()) {
            draft.decide(s, Fate.START, "the server is not running");
        } else {
            draft.decide(s, Fate.KEEP, "");
        }
    }

    /** Without replication in the playbook every node is configured alike and none is rebuilt. */
    private void decideWithoutReplication(NodeContext s) {
        if (!s.dataInitialised()) {
            draft.decide(s, Fate.DEFERRED, "");
            draft.warn(s, "no initialised data directory, and the playbook has no replication "
                    + "to fill it from: nothing is planned for it");
        } else if (!s.running()) {
            draft.decide(s, Fate.START, "the server is not running");
        } else {
            draft.decide(s, Fate.KEEP, "");
        }
    }

    private Optional<String> rebuildReason(NodeContext p, Fate primaryFate, NodeContext s, boolean takeover) {
        if (primaryFate == Fate.INIT_DB) {
            return Optional.of(p.name() + " is initialised anew");
        }
        if (!s.dataInitialised()) {
            return Optional.of("it has no initialised data directory");
        }
        Optional<Long> own = s.systemIdentifier();
        Optional<Long> primaryId = p.systemIdentifier();
        if (own.isPresent() && primaryId.isPresent() && !own.equals(primaryId)) {
            return Optional.of("its system identifier " + own.get() + " is not " + p.name() + "'s " + primaryId.get());
        }
        if (!s.inRecovery() || takeover) {
            return Optional.empty();
        }
        return lostWal(p, s);
    }

    /**
     * With slots: the standby's slot lost its WAL, or is gone while the standby does not stream. The slot is on the
     * node it streams from: the primary, or the declared upstream it follows.
     */
    private Optional<String> lostWal(NodeContext primary, NodeContext s) {
        Optional<ReplicationSpec> spec = cluster.desired().replication().filter(ReplicationSpec::slots);
        NodeContext p = cluster.desired().topology().standby(s.name()).upstream()
                .flatMap(up -> others.stream().filter(o -> o.name().equals(up)).findFirst())
                .filter(s::follows).orElse(primary);
        if (spec.isEmpty() || p.server().isEmpty()) {
            return Optional.empty();
        }
        String name = SlotNames.of(spec.get(), s.host());
        Optional<SlotFact> slot = p.server().get().slots().stream().filter(f -> f.name().equals(name)).findFirst();
        if (slot.isPresent() && slot.get().walStatus().filter("lost"::equals).isPresent()) {
            return Optional.of("its slot " + name + " on " + p.name() + " lost the WAL it needs");
        }
        boolean streaming = s.server().flatMap(f -> f.upstream()).map(UpstreamFacts::streaming).orElse(false);
        if (slot.isEmpty() && s.running() && s.server().isPresent() && !streaming && s.follows(p)) {
            return Optional.of("its slot " + name + " is gone from " + p.name()
                    + " and it does not stream: the WAL it needs is gone");
        }
        return Optional.empty();
    }
}
