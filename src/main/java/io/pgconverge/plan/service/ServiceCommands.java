package io.pgconverge.plan.service;

import io.pgconverge.model.NodePaths;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.PgMajorVersion;

import static io.pgconverge.model.ShellWords.quote;

/**
 * The shell commands that start, stop, restart, reload and promote a node's server, by its service manager:
 * {@code systemctl ACTION postgresql@V-CLUSTER}, {@code pg_ctlcluster V CLUSTER ACTION}, or {@code pg_ctl}
 * with the data directory, the config file and the server log of the layout. Every command waits until
 * the server has done what was asked.
 */
public final class ServiceCommands {
    private final PgLayout layout;

    public ServiceCommands(PgLayout layout) {
        this.layout = layout;
    }

    public String start() {
        switch (layout.service()) {
            case SYSTEMD:
                return systemctl("start");
            case PG_CTLCLUSTER:
                return pgCtlCluster("start");
            default:
                return pgCtl() + " " + serverOptions() + " -w start";
        }
    }

    /**
     * A start with {@code overrides} given as {@code -c name=value} server options, which win over every
     * configuration file for this run only (a standby that must replay its primary's higher hot-standby values).
     * pg_ctlcluster passes the options on to pg_ctl; it serves the systemd layout too.
     */
    public String startWith(java.util.Map<String, String> overrides) {
        StringBuilder options = new StringBuilder();
        overrides.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> options.append(" -c ").append(e.getKey()).append('=').append(e.getValue()));
        if (layout.service() == io.pgconverge.model.ServiceManager.PG_CTL) {
            NodePaths paths = NodePaths.of(layout);
            return pgCtl() + " -o " + quote("-c config_file=" + paths.postgresqlConf() + options) + " -l "
                    + quote(paths.serverLog()) + " -w start";
        }
        return pgCtlCluster("start") + " -- -o " + quote(options.toString().strip());
    }

    /** A fast shutdown: sessions are disconnected, the shutdown checkpoint is written and sent to standbys. */
    public String stop() {
        switch (layout.service()) {
            case SYSTEMD:
                return systemctl("stop");
            case PG_CTLCLUSTER:
                return pgCtlCluster("stop") + " -m fast";
            default:
                return pgCtl() + " -w stop -m fast";
        }
    }

    /** An immediate shutdown: no checkpoint; used to fence a server that must not take writes. */
    public String stopImmediately() {
        switch (layout.service()) {
            case SYSTEMD:
                return systemctl("stop");
            case PG_CTLCLUSTER:
                return pgCtlCluster("stop") + " -m immediate";
            default:
                return pgCtl() + " -w stop -m immediate";
        }
    }

    public String restart() {
        switch (layout.service()) {
            case SYSTEMD:
                return systemctl("restart");
            case PG_CTLCLUSTER:
                return pgCtlCluster("restart") + " -m fast";
            default:
                return pgCtl() + " " + serverOptions() + " -w restart -m fast";
        }
    }

    public String reload() {
        switch (layout.service()) {
            case SYSTEMD:
                return systemctl("reload");
            case PG_CTLCLUSTER:
                return pgCtlCluster("reload");
            default:
                return pgCtl() + " reload";
        }
    }

    /** Promotion by command, for servers before PostgreSQL 12 (which have no pg_promote()). */
    public String promote() {
        if (layout.service() == io.pgconverge.model.ServiceManager.PG_CTLCLUSTER) {
            return pgCtlCluster("promote");
        }
        return pgCtl() + " -w promote";
    }

    /** The Debian cluster name: the last component of the data directory ({@code main}). */
    public String clusterName() {
        String dir = layout.dataDir().endsWith("/")
                ? layout.dataDir().substring(0, layout.dataDir().length() - 1) : layout.dataDir();
        return dir.substring(dir.lastIndexOf('/') + 1);
    }

    private String systemctl(String action) {
        return "systemctl " + action + " " + quote("postgresql@" + PgMajorVersion.text(layout.version()) + "-" + clusterName());
    }

    private String pgCtlCluster(String action) {
        return "pg_ctlcluster " + PgMajorVersion.text(layout.version()) + " " + quote(clusterName()) + " " + action;
    }

    private String pgCtl() {
        return quote(layout.binDir() + "/pg_ctl") + " -D " + quote(layout.dataDir());
    }

    private String serverOptions() {
        NodePaths paths = NodePaths.of(layout);
        return "-o " + quote("-c config_file=" + paths.postgresqlConf()) + " -l " + quote(paths.serverLog());
    }
}
