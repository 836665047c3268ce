package io.pgconverge.plan.service;

import io.pgconverge.model.NodePaths;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.RunAs;

import java.util.Map;

import static io.pgconverge.model.ShellWords.quote;

/**
 * pg_ctl of the layout's binaries, run as the PostgreSQL user, with the data directory, the config file and the
 * server log beside it (the lab's layout).
 */
public final class PgCtl implements ServiceControl {
    private final PgLayout layout;

    public PgCtl(PgLayout layout) {
        this.layout = layout;
    }

    @Override
    public RunAs runAs() {
        return RunAs.SERVER_USER;
    }

    @Override
    public String start() {
        return pgCtl() + " " + serverOptions() + " -w start";
    }

    @Override
    public String startWith(Map<String, String> overrides) {
        NodePaths paths = NodePaths.of(layout);
        return pgCtl() + " -o " + quote("-c config_file=" + paths.postgresqlConf() + " "
                + ServiceControl.serverOptions(overrides)) + " -l " + quote(paths.serverLog()) + " -w start";
    }

    @Override
    public String stop() {
        return pgCtl() + " -w stop -m fast";
    }

    @Override
    public String stopImmediately() {
        return pgCtl() + " -w stop -m immediate";
    }

    @Override
    public String restart() {
        return pgCtl() + " " + serverOptions() + " -w restart -m fast";
    }

    @Override
    public String reload() {
        return pgCtl() + " reload";
    }

    @Override
    public String promote() {
        return pgCtl() + " -w promote";
    }

    @Override
    public String serverLog() {
        return NodePaths.of(layout).serverLog();
    }

    private String pgCtl() {
        return quote(layout.binDir() + "/pg_ctl") + " -D " + quote(layout.dataDir());
    }

    private String serverOptions() {
        NodePaths paths = NodePaths.of(layout);
        return "-o " + quote("-c config_file=" + paths.postgresqlConf()) + " -l " + quote(paths.serverLog());
    }
}
