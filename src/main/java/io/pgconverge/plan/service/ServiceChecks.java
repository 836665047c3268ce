package io.pgconverge.plan.service;

import io.pgconverge.facts.PlatformFacts;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.model.RunAs;
import io.pgconverge.model.ServiceManager;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.Notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the engine can control each node's server as its inventory says, from the node's platform facts: scripts
 * run as the PostgreSQL user and, for pg_ctlcluster and systemd, as root; pg_ctlcluster is installed, the Debian
 * cluster exists and its configuration lives outside the data directory. Each problem is one refusal naming the
 * node and the cause. Pure.
 */
public final class ServiceChecks {
    private ServiceChecks() {
    }

    public static List<Notice> refusals(List<NodeContext> nodes) {
        List<Notice> refusals = new ArrayList<>();
        for (NodeContext node : nodes) {
            problem(node).ifPresent(p -> refusals.add(Notice.about(node.name(), p)));
        }
        return refusals;
    }

    private static Optional<String> problem(NodeContext node) {
        PlatformFacts platform = node.facts().platform();
        PgLayout pg = node.host().pg();
        if (platform.serverUserRefusal().isPresent()) {
            return node.desiredPrimary() ? Optional.empty() : platform.serverUserRefusal().map(m -> local(node, m));
        }
        if (pg.service() == ServiceManager.PG_CTLCLUSTER && node.paths().configInsideDataDir()) {
            return Optional.of("pg_service pg_ctlcluster needs the Debian layout, but the configuration directory ("
                    + pg.configDir() + ") is the data directory; set pg_config_dir to /etc/postgresql/"
                    + PgMajorVersion.text(pg.version()) + "/" + ServiceControl.clusterName(pg) + " or pg_service: pg_ctl");
        }
        if (!node.reachable()) {
            return Optional.empty();
        }
        if (ServiceControl.of(pg).runAs() == RunAs.ROOT && platform.rootRefusal().isPresent()) {
            return platform.rootRefusal().map(m -> local(node, m) + " (pg_service " + name(pg) + " runs as root)");
        }
        return debianCluster(pg, platform);
    }

    private static Optional<String> debianCluster(PgLayout pg, PlatformFacts platform) {
        if (pg.service() == ServiceManager.PG_CTL) {
            return Optional.empty();
        }
        if (pg.service() == ServiceManager.PG_CTLCLUSTER && platform.pgCtlCluster().equals(Optional.of(false))) {
            return Optional.of("pg_ctlcluster is not installed (pg_service: pg_ctlcluster); install postgresql-common"
                    + " or set pg_service: pg_ctl");
        }
        String cluster = PgMajorVersion.text(pg.version()) + "/" + ServiceControl.clusterName(pg);
        if (platform.pgCtlCluster().orElse(false) && !platform.debianClusters().contains(cluster)) {
            String found = platform.debianClusters().isEmpty() ? "none" : String.join(", ", platform.debianClusters());
            return Optional.of("there is no PostgreSQL cluster " + cluster + " (/etc/postgresql/" + cluster
                    + "; clusters found: " + found + "); fix pg_version or pg_data, or create it with pg_createcluster "
                    + cluster.replace('/', ' '));
        }
        return Optional.empty();
    }

    /** A transport message without its leading "node: ", which the notice adds. */
    private static String local(NodeContext node, String message) {
        String prefix = node.name() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String name(PgLayout pg) {
        return pg.service().name().toLowerCase(java.util.Locale.ROOT);
    }
}
