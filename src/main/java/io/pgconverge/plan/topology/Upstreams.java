package io.pgconverge.plan.topology;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.Notice;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The node each standby streams from in this plan: its declared {@code upstream} (cascading) when that node
 * runs as a standby once the plan's earlier steps are done, else the nearest declared ancestor that does, else
 * the primary. A standby whose upstream is down, unreachable or taken over by a change of primary follows the
 * primary meanwhile, and is pointed back at its upstream by the plan after the one that brings it back.
 *
 * @param primary  the desired primary
 * @param sources  by standby that cascades: the host it streams from (never the primary)
 * @param detours  by standby whose declared upstream cannot serve it now: why not
 */
public record Upstreams(Host primary, Map<String, Host> sources, Map<String, String> detours) {
    /** Fates of an upstream that runs as a standby of this cluster by the time its children need it. */
    private static final Set<Fate> SERVING = EnumSet.of(Fate.KEEP, Fate.START, Fate.REBUILD);

    public Upstreams {
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        detours = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(detours));
    }

    /** What the playbook declares, taken as it is: how the files of a converged cluster look. */
    public static Upstreams declared(Cluster cluster) {
        return resolve(cluster, host -> Fate.KEEP);
    }

    /** The upstreams of this plan: declared ones that serve, given each node's fate. */
    public static Upstreams of(Cluster cluster, Topology topology) {
        return resolve(cluster, topology::fate);
    }

    private static Upstreams resolve(Cluster cluster, java.util.function.Function<String, Fate> fates) {
        Map<String, Host> sources = new LinkedHashMap<>();
        Map<String, String> detours = new LinkedHashMap<>();
        String primary = cluster.desired().primary();
        for (Host standby : cluster.standbys()) {
            Optional<String> declared = cluster.desired().topology().standby(standby.name()).upstream()
                    .filter(up -> !up.equals(primary));
            if (declared.isEmpty()) {
                continue;
            }
            Optional<String> serving = serving(cluster, fates, standby.name());
            serving.flatMap(cluster::host).ifPresent(h -> sources.put(standby.name(), h));
            if (!serving.equals(declared)) {
                detours.put(standby.name(), declared.get() + " " + describe(fates.apply(declared.get())));
            }
        }
        return new Upstreams(cluster.primary(), sources, detours);
    }

    /** Walks up the declared upstreams until one serves; empty when none but the primary does. */
    private static Optional<String> serving(Cluster cluster, java.util.function.Function<String, Fate> fates,
                                            String standby) {
        String primary = cluster.desired().primary();
        List<String> seen = new ArrayList<>(List.of(standby));
        Optional<String> up = cluster.desired().topology().standby(standby).upstream();
        while (up.isPresent() && !up.get().equals(primary) && !seen.contains(up.get())
                && cluster.host(up.get()).isPresent()) {
            if (SERVING.contains(fates.apply(up.get()))) {
                return up;
            }
            seen.add(up.get());
            up = cluster.desired().topology().standby(up.get()).upstream();
        }
        return Optional.empty();
    }

    private static String describe(Fate fate) {
        return switch (fate) {
            case UNREACHABLE -> "is unreachable";
            case DEFERRED -> "is not usable before the next apply";
            case PROMOTE, INIT_DB -> "is the primary";
            case DEMOTE, REJOIN -> "becomes a standby only in this apply";
            default -> "cannot serve it";
        };
    }

    /** The host {@code standby} streams from. */
    public Host sourceOf(String standby) {
        return sources.getOrDefault(standby, primary);
    }

    public boolean cascades(String standby) {
        return sources.containsKey(standby);
    }

    /** The standbys that stream from {@code sender} (the primary's include all that do not cascade). */
    public List<String> childrenOf(String sender, List<Host> standbys) {
        return standbys.stream().map(Host::name).filter(s -> sourceOf(s).name().equals(sender)).toList();
    }

    /** A standby that streams from elsewhere than its declared upstream in this plan, said in the plan. */
    public List<Notice> notices() {
        List<Notice> notices = new ArrayList<>();
        detours.forEach((standby, why) -> notices.add(Notice.about(standby, "standbys." + standby + ".upstream: "
                + why + ", so " + standby + " streams from " + sourceOf(standby).name() + " for now; the next plan points it "
                + "back at its upstream once that runs as a standby")));
        return notices;
    }
}
