package io.pgconverge.model;

/**
 * Where a node's server writes its log: with {@code pg_ctl} the {@code -l} file beside postgresql.conf (the lab's
 * layout); under pg_ctlcluster or systemd Debian's {@code /var/log/postgresql/postgresql-VERSION-CLUSTER.log}.
 * The facts script reads it; {@code plan.service.ServiceControl} names it for the tail shown when a start fails.
 */
public final class ServerLog {
    private ServerLog() {
    }

    public static String path(PgLayout pg) {
        return pg.service() == ServiceManager.PG_CTL ? NodePaths.of(pg).serverLog() : debian(pg);
    }

    /** Debian's log of a cluster: /var/log/postgresql/postgresql-VERSION-NAME.log. */
    public static String debian(PgLayout pg) {
        return "/var/log/postgresql/postgresql-" + PgMajorVersion.text(pg.version()) + "-" + clusterName(pg) + ".log";
    }

    /** The Debian cluster name: the last component of the data directory ({@code main}). */
    public static String clusterName(PgLayout pg) {
        String dir = pg.dataDir().replaceAll("/+$", "");
        return dir.substring(dir.lastIndexOf('/') + 1);
    }
}
