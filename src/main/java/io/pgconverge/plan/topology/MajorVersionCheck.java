package io.pgconverge.plan.topology;

import io.pgconverge.facts.Preflight;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.Notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Streaming replication needs one PostgreSQL major version on every node: a reachable node that runs another one
 * than the primary (by its server, else its binaries, else its data directory) is refused, naming the node, its
 * version and the primary's. The primary's version is the one it runs, else the one the inventory gives it.
 * Unreachable nodes are reported as such elsewhere. Pure.
 */
public final class MajorVersionCheck {
    private MajorVersionCheck() {
    }

    public static List<Notice> refusals(NodeContext primary, List<NodeContext> standbys) {
        Optional<Integer> running = primary.reachable() ? Preflight.effectiveMajor(primary.facts()) : Optional.empty();
        int expected = running.orElse(primary.version());
        String primaryRuns = "the primary " + primary.name() + (running.isPresent() ? " runs" : " is to run")
                + " PostgreSQL " + PgMajorVersion.text(expected);
        List<Notice> refusals = new ArrayList<>();
        for (NodeContext node : standbys) {
            Optional<Integer> major = node.reachable() ? Preflight.effectiveMajor(node.facts()) : Optional.empty();
            if (major.isPresent() && major.get() != expected) {
                refusals.add(Notice.about(node.name(), "it runs PostgreSQL " + PgMajorVersion.text(major.get())
                        + " but " + primaryRuns + "; a standby needs its primary's major version: upgrade "
                        + node.name() + " (pg_upgrade) or take it out of the group"));
            }
        }
        return refusals;
    }
}
