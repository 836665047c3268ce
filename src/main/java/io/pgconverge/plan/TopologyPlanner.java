package io.pgconverge.plan;

import io.pgconverge.facts.SlotFact;
import io.pgconverge.facts.UpstreamFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.ReplicationSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides each node's {@link Fate} from its facts: which primary to initialise or start, which standby to
 * start and which to rebuild with a base backup, and when to refuse (two primaries, an unreachable or
 * unreadable primary, a desired primary that is a standby).
 */
final class TopologyPlanner {
    private final Cluster cluster;
    private final Map<String, Fate> fates = new LinkedHashMap<>();
    private final Map<String, String> reasons = new LinkedHashMap<>();
    private final List<Notice> warnings = new ArrayList<>();
    private final List<Notice> refusals = new ArrayList<>();

    TopologyPlanner(Cluster cluster) {
        this.cluster = cluster;
    }

    Topology decide(NodeContext primary, List<NodeContext> standbys) {
        Fate primaryFate = primaryFate(primary);
        fates.put(primary.name(), primaryFate);
        if (primaryFate != Fate.UNREACHABLE) {
            refuseOtherPrimaries(primary, primaryFate, standbys);
        }
        boolean ready = primaryFate == Fate.INIT_DB || primaryFate == Fate.KEEP && primary.server().isPresent();
        for (NodeContext standby : standbys) {
            decideStandby(primary, primaryFate, ready, standby);
        }
        if (primaryFate == Fate.START && !cluster.desired().roles().isEmpty()) {
            warnings.add(Notice.about(primary.name(), "the server is down, so its roles and slots cannot be read; "
                    + "this apply starts it, and the next plan converges them"));
        }
        return new Topology(fates, reasons, warnings, refusals, ready);
    }

    private Fate primaryFate(NodeContext p) {
        if (!p.reachable()) {
            refusals.add(Notice.about(p.name(), "the desired primary is unreachable ("
                    + p.facts().unreachableReason().orElse("no reason given") + "): nothing can be planned safely"));
            return Fate.UNREACHABLE;
        }
        if (!p.dataKnown()) {
            refusals.add(Notice.about(p.name(), "the state of the desired primary's data directory could not be read"));
            return Fate.UNREACHABLE;
        }
        if (!p.dataInitialised()) {
            reasons.put(p.name(), "the desired primary has no initialised data directory");
            return Fate.INIT_DB;
        }
        if (p.inRecovery()) {
            refusals.add(Notice.about(p.name(), "the desired primary is a standby; promoting it is a switchover, "
                    + "which this plan does not make"));
            return Fate.KEEP;
        }
        if (!p.running()) {
            reasons.put(p.name(), "the server is not running");
            return Fate.START;
        }
        if (p.server().isEmpty()) {
            refusals.add(Notice.about(p.name(), "the server runs but its SQL facts could not be read ("
                    + p.facts().serverError().orElse("no reason given") + ")"));
        }
        return Fate.KEEP;
    }

    /** Another node out of recovery with the primary's system identifier: split brain, or a former primary. */
    private void refuseOtherPrimaries(NodeContext p, Fate primaryFate, List<NodeContext> standbys) {
        for (NodeContext s : standbys) {
            if (!s.reachable() || !s.dataInitialised()) {
                continue;
            }
            if (primaryFate == Fate.INIT_DB) {
                refusals.add(Notice.about(s.name(), "it holds a cluster (system identifier "
                        + s.systemIdentifier().map(String::valueOf).orElse("unknown") + ") while the desired primary "
                        + p.name() + " has none: refusing to initialise an empty primary and rebuild " + s.name()
                        + " from it; name " + s.name() + " as the primary, or move its data directory aside"));
                continue;
            }
            boolean sameCluster = s.systemIdentifier().isPresent() && s.systemIdentifier().equals(p.systemIdentifier());
            if (sameCluster && !s.inRecovery()) {
                refusals.add(Notice.about(s.name(), s.running()
                        ? "it is out of recovery like " + p.name() + ", with the same system identifier "
                        + s.systemIdentifier().get() + ": two primaries; refusing to act until one is fenced"
                        : "it is a stopped former primary of this cluster (system identifier "
                        + s.systemIdentifier().get() + "); it may hold transactions " + p.name()
                        + " lacks, so it is neither rebuilt nor started by this plan"));
            }
        }
    }

    private void decideStandby(NodeContext p, Fate primaryFate, boolean primaryReady, NodeContext s) {
        if (!s.reachable()) {
            fates.put(s.name(), Fate.UNREACHABLE);
            warnings.add(Notice.about(s.name(), "unreachable (" + s.facts().unreachableReason().orElse("no reason given")
                    + "): nothing is planned for it"));
            return;
        }
        if (!s.dataKnown()) {
            fates.put(s.name(), Fate.DEFERRED);
            warnings.add(Notice.about(s.name(), "the state of its data directory could not be read: nothing is "
                    + "planned for it"));
            return;
        }
        if (cluster.desired().replication().isEmpty()) {
            decideWithoutReplication(s);
            return;
        }
        Optional<String> rebuild = rebuildReason(p, primaryFate, s);
        if (rebuild.isPresent() && !primaryReady) {
            fates.put(s.name(), Fate.DEFERRED);
            warnings.add(Notice.about(s.name(), "needs a base backup (" + rebuild.get() + ") once " + p.name()
                    + " is ready; nothing is planned for it before the next apply"));
        } else if (rebuild.isPresent()) {
            fates.put(s.name(), Fate.REBUILD);
            reasons.put(s.name(), rebuild.get());
        } else if (!s.running()) {
            fates.put(s.name(), Fate.START);
            reasons.put(s.name(), "the server is not running");
        } else {
            fates.put(s.name(), Fate.KEEP);
        }
    }

    /** Without replication in the playbook every node is configured alike and none is rebuilt. */
    private void decideWithoutReplication(NodeContext s) {
        if (!s.dataInitialised()) {
            fates.put(s.name(), Fate.DEFERRED);
            warnings.add(Notice.about(s.name(), "no initialised data directory, and the playbook has no replication "
                    + "to fill it from: nothing is planned for it"));
        } else if (!s.running()) {
            fates.put(s.name(), Fate.START);
            reasons.put(s.name(), "the server is not running");
        } else {
            fates.put(s.name(), Fate.KEEP);
        }
    }

    private Optional<String> rebuildReason(NodeContext p, Fate primaryFate, NodeContext s) {
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
        if (!s.inRecovery()) {
            return Optional.empty();
        }
        return lostWal(p, s);
    }

    /** With slots: the standby's slot lost its WAL, or is gone while the standby does not stream. */
    private Optional<String> lostWal(NodeContext p, NodeContext s) {
        Optional<ReplicationSpec> spec = cluster.desired().replication().filter(ReplicationSpec::slots);
        if (spec.isEmpty() || p.server().isEmpty()) {
            return Optional.empty();
        }
        String name = SlotNames.of(spec.get(), s.host());
        Optional<SlotFact> slot = p.server().get().slots().stream().filter(f -> f.name().equals(name)).findFirst();
        if (slot.isPresent() && slot.get().walStatus().filter("lost"::equals).isPresent()) {
            return Optional.of("its slot " + name + " on " + p.name() + " lost the WAL it needs");
        }
        boolean streaming = s.server().flatMap(f -> f.upstream()).flatMap(UpstreamFacts::receiverStatus)
                .filter("streaming"::equals).isPresent();
        if (slot.isEmpty() && s.running() && s.server().isPresent() && !streaming) {
            return Optional.of("its slot " + name + " is gone from " + p.name()
                    + " and it does not stream: the WAL it needs is gone");
        }
        return Optional.empty();
    }
}
