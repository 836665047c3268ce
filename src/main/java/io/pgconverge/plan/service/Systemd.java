package io.pgconverge.plan.service;

import io.pgconverge.model.PgLayout;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.model.RunAs;

import java.util.Map;

import static io.pgconverge.model.ShellWords.quote;

/**
 * systemd's {@code postgresql@VERSION-NAME} unit, run as root. The unit stops with a fast shutdown and has no
 * immediate one; promotion goes through pg_ctlcluster, which the unit itself uses. The unit takes no server options:
 * a start with them goes through pg_ctlcluster too, which then runs the server outside the unit for that run.
 */
public final class Systemd implements ServiceControl {
    private final PgLayout layout;

    public Systemd(PgLayout layout) {
        this.layout = layout;
    }

    @Override
    public RunAs runAs() {
        return RunAs.ROOT;
    }

    @Override
    public String start() {
        return systemctl("start");
    }

    @Override
    public String startWith(Map<String, String> overrides) {
        return new PgCtlCluster(layout).startWith(overrides);
    }

    @Override
    public String stop() {
        return systemctl("stop");
    }

    @Override
    public String stopImmediately() {
        return systemctl("stop");
    }

    @Override
    public String restart() {
        return systemctl("restart");
    }

    @Override
    public String reload() {
        return systemctl("reload");
    }

    @Override
    public String promote() {
        return new PgCtlCluster(layout).promote();
    }

    @Override
    public String serverLog() {
        return ServiceControl.debianLog(layout);
    }

    private String systemctl(String action) {
        return "systemctl " + action + " " + quote("postgresql@" + PgMajorVersion.text(layout.version()) + "-"
                + ServiceControl.clusterName(layout));
    }
}
