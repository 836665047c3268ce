package io.pgconverge.plan.topology;

import io.pgconverge.facts.DataDirFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.Notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Streaming replication needs one PostgreSQL major version on every node: a reachable node of another one than the
 * primary is refused, naming the node, its version (with where it was seen: the running server, the binaries, the
 * data directory, or the only Debian cluster when the inventory's paths lead nowhere) and the primary's. The
 * primary's version is the one it runs, else the one the inventory gives it. Pure.
 */
public final class MajorVersionCheck {
    private MajorVersionCheck() {
    }

    /** A major version and where it was seen. */
    private record Seen(int major, String where) {
    }

    public static List<Notice> refusals(NodeContext primary, List<NodeContext> standbys) {
        Optional<Seen> running = primary.reachable() ? seen(primary.facts()) : Optional.empty();
        int expected = running.map(Seen::major).orElse(primary.version());
        String primaryRuns = "the primary " + primary.name() + (running.isPresent() ? " runs" : " is to run")
                + " PostgreSQL " + PgMajorVersion.text(expected);
        List<Notice> refusals = new ArrayList<>();
        for (NodeContext node : standbys) {
            Optional<Seen> seen = node.reachable() ? seen(node.facts()) : Optional.empty();
            if (seen.isPresent() && seen.get().major() != expected) {
                refusals.add(Notice.about(node.name(), "it has PostgreSQL " + PgMajorVersion.text(seen.get().major())
                        + " (" + seen.get().where() + ") but " + primaryRuns + "; a standby needs its primary's"
                        + " major version: upgrade " + node.name() + " (pg_upgrade) or take it out of the group"));
            }
        }
        return refusals;
    }

    private static Optional<Seen> seen(NodeFacts node) {
        return node.server().map(s -> new Seen(s.majorVersion(), "its running server"))
                .or(() -> node.installedMajor().map(v -> new Seen(v, "its binaries")))
                .or(() -> node.dataDir().flatMap(DataDirFacts::pgVersion).map(v -> new Seen(v, "its data directory")))
                .or(() -> onlyDebianCluster(node));
    }

    /** The one Debian cluster of a node ("17/main"), when the inventory's paths found neither server nor files. */
    private static Optional<Seen> onlyDebianCluster(NodeFacts node) {
        List<String> clusters = node.platform().debianClusters();
        if (clusters.size() != 1) {
            return Optional.empty();
        }
        String cluster = clusters.get(0);
        return PgMajorVersion.parse(cluster.substring(0, Math.max(0, cluster.indexOf('/')))).stream().boxed()
                .findFirst().map(v -> new Seen(v, "its only cluster, " + cluster));
    }
}
