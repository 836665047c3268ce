package io.pgconverge.facts;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.model.ServiceManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checks of the MAAS hot-standby notes, on gathered facts: CPU architecture, OS family and PostgreSQL
 * major version must be the same on every node (replication is known to fail across architectures), and each
 * node's installed PostgreSQL must be the inventory's pg_version. Unreachable nodes are left out: they are
 * reported as unreachable, not here. Pure.
 */
public final class Preflight {
    private Preflight() {
    }

    public static List<PreflightProblem> check(Cluster cluster, ClusterFacts facts) {
        List<PreflightProblem> problems = new ArrayList<>();
        Map<String, NodeFacts> reachable = new LinkedHashMap<>();
        facts.nodes().forEach((name, node) -> {
            if (node.reachable()) {
                reachable.put(name, node);
            }
        });
        same("arch", "CPU architecture", reachable, n -> n.os().map(OsFacts::arch), problems);
        same("os", "OS family", reachable, n -> n.os().map(OsFacts::family), problems);
        same("pg_version", "PostgreSQL major version", reachable,
                n -> effectiveMajor(n).map(PgVersions::label), problems);
        for (Host host : cluster.members()) {
            NodeFacts node = reachable.get(host.name());
            if (node != null) {
                installed(host, node).ifPresent(problems::add);
                node.platform().rootRefusal().filter(r -> host.pg().service() != ServiceManager.PG_CTL)
                        .ifPresent(r -> problems.add(new PreflightProblem("become", r)));
            }
        }
        return problems;
    }

    /** The major version a node runs or would run: the server's, else the binaries', else the data directory's. */
    public static Optional<Integer> effectiveMajor(NodeFacts node) {
        return node.server().map(ServerFacts::majorVersion)
                .or(node::installedMajor)
                .or(() -> node.dataDir().flatMap(DataDirFacts::pgVersion));
    }

    private static void same(String check, String what, Map<String, NodeFacts> nodes,
                             Function<NodeFacts, Optional<String>> value, List<PreflightProblem> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        nodes.forEach((name, node) -> value.apply(node).filter(v -> !v.equals("unknown")).ifPresent(v -> values.put(name, v)));
        if (values.values().stream().distinct().count() > 1) {
            String list = values.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            problems.add(new PreflightProblem(check, what + " differs across the cluster (" + list
                    + "); every node of a replication cluster needs the same " + what + "."));
        }
    }

    private static Optional<PreflightProblem> installed(Host host, NodeFacts node) {
        String wanted = PgVersions.label(normalised(host.pg().version()));
        if (node.binDir().isEmpty()) {
            return Optional.of(new PreflightProblem("binaries", host.name() + ": no PostgreSQL binaries in "
                    + host.pg().binDir() + " (pg_bindir); install PostgreSQL " + wanted + " or set pg_bindir."));
        }
        Optional<Integer> major = node.installedMajor();
        if (major.isPresent() && major.get() != normalised(host.pg().version())) {
            return Optional.of(new PreflightProblem("inventory_pg_version", host.name() + ": the inventory says pg_version "
                    + wanted + " but PostgreSQL " + node.installedVersion().orElse("?") + " is installed in "
                    + node.binDir().get() + "; fix pg_version or pg_bindir."));
        }
        return Optional.empty();
    }

    /** An inventory pg_version as {@link PgVersions} counts it: 95 and 905 both mean 9.5. */
    static int normalised(int version) {
        return version >= 90 && version <= 99 ? 900 + version % 10 : version;
    }
}
