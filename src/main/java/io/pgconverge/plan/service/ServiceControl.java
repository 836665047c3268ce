package io.pgconverge.plan.service;

import io.pgconverge.model.PgLayout;
import io.pgconverge.model.RunAs;

import java.util.Map;

/**
 * The commands of one service manager ({@code pg_service}) for a node's server; each waits until the server has
 * done what was asked. One class per manager: {@link PgCtlCluster}, {@link Systemd}, {@link PgCtl}.
 */
public interface ServiceControl {
    static ServiceControl of(PgLayout layout) {
        return switch (layout.service()) {
            case PG_CTLCLUSTER -> new PgCtlCluster(layout);
            case SYSTEMD -> new Systemd(layout);
            case PG_CTL -> new PgCtl(layout);
        };
    }

    /** Who the commands must run as to control the server. */
    RunAs runAs();

    String start();

    /**
     * A start with {@code overrides} given to the server as {@code -c name=value} options, which win over every
     * configuration file for this run only (a standby that must replay its primary's higher hot-standby values).
     * Values are plain words (numbers): they pass through a shell of the manager's own.
     */
    String startWith(Map<String, String> overrides);

    /** {@code overrides} as {@code -c name=value} server options in name order, space-separated. */
    static String serverOptions(Map<String, String> overrides) {
        StringBuilder options = new StringBuilder();
        overrides.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> options.append(" -c ").append(e.getKey()).append('=').append(e.getValue()));
        return options.toString().strip();
    }

    /** A fast shutdown: sessions are disconnected, the shutdown checkpoint is written and sent to standbys. */
    String stop();

    /** An immediate shutdown where the manager has one: no checkpoint; used to fence a server. */
    String stopImmediately();

    String restart();

    String reload();

    /** Promotion by command, for servers before PostgreSQL 12 (which have no pg_promote()). */
    String promote();

    /** Where the server writes its log, for the tail shown when it does not start. */
    String serverLog();

    /** The Debian cluster name: the last component of the data directory ({@code main}). */
    static String clusterName(PgLayout layout) {
        return io.pgconverge.model.ServerLog.clusterName(layout);
    }

    /** Debian's log of a cluster: /var/log/postgresql/postgresql-VERSION-NAME.log. */
    static String debianLog(PgLayout layout) {
        return io.pgconverge.model.ServerLog.debian(layout);
    }
}
