package io.pgconverge.model;

/**
 * Where a node's server writes its log: with {@code pg_ctl} the {@code -l} file beside postgresql.conf (the lab's
 * layout); under pg_ctlcluster or systemd Debian's {@code /var/log/postgresql/postgresql-VERSION-CLUSTER.log}.
 */
public final class ServerLog {
    private ServerLog() {
    }

    public static String path(PgLayout pg) {
        if (pg.service() == ServiceManager.PG_CTL) {
            return NodePaths.of(pg).serverLog();
        }
        String dir = pg.dataDir().replaceAll("/+$", "");
        return "/var/log/postgresql/postgresql-" + PgMajorVersion.text(pg.version()) + "-"
                + dir.substring(dir.lastIndexOf('/') + 1) + ".log";
    }
}
