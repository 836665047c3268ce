package io.pgconverge.plan.service;

import io.pgconverge.model.PgLayout;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.model.RunAs;

import java.util.Map;

import static io.pgconverge.model.ShellWords.quote;

/**
 * Debian's postgresql-common: {@code pg_ctlcluster VERSION NAME ACTION}, run as root. The shutdown mode is
 * pg_ctlcluster's own option ({@code stop -m fast}); options for pg_ctl itself would go after {@code --}. As root
 * with systemd running, pg_ctlcluster hands start, stop and restart to {@code systemctl ... postgresql@V-NAME},
 * except a start with server options ({@code start -o '-c name=value'}, appended to the postgres options it
 * passes to pg_ctl), which it runs itself.
 */
public final class PgCtlCluster implements ServiceControl {
    private final PgLayout layout;

    public PgCtlCluster(PgLayout layout) {
        this.layout = layout;
    }

    @Override
    public RunAs runAs() {
        return RunAs.ROOT;
    }

    @Override
    public String start() {
        return command("start");
    }

    @Override
    public String startWith(Map<String, String> overrides) {
        return command("start") + " -o " + quote(ServiceControl.serverOptions(overrides));
    }

    @Override
    public String stop() {
        return command("stop") + " -m fast";
    }

    @Override
    public String stopImmediately() {
        return command("stop") + " -m immediate";
    }

    @Override
    public String restart() {
        return command("restart") + " -m fast";
    }

    @Override
    public String reload() {
        return command("reload");
    }

    @Override
    public String promote() {
        return command("promote");
    }

    @Override
    public String serverLog() {
        return ServiceControl.debianLog(layout);
    }

    private String command(String action) {
        return "pg_ctlcluster " + PgMajorVersion.text(layout.version()) + " " + quote(ServiceControl.clusterName(layout))
                + " " + action;
    }
}
