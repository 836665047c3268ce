package io.pgconverge.plan.service;

import io.pgconverge.model.Host;
import io.pgconverge.plan.task.ShellCommand;

import java.util.Map;

/**
 * The service commands of one node as a plan shows and the executor runs them: its manager's command line and the
 * user it runs as on that node ({@code root} through become, or the login user without it).
 */
public final class ServiceCommands {
    private final Host host;
    private final ServiceControl control;

    public ServiceCommands(Host host) {
        this.host = host;
        this.control = ServiceControl.of(host.pg());
    }

    public ShellCommand start() {
        return command(control.start());
    }

    /** A start with these server options for this run only: see {@link ServiceControl#startWith}. */
    public ShellCommand startWith(Map<String, String> overrides) {
        return command(control.startWith(overrides));
    }

    public ShellCommand stop() {
        return command(control.stop());
    }

    public ShellCommand stopImmediately() {
        return command(control.stopImmediately());
    }

    public ShellCommand restart() {
        return command(control.restart());
    }

    public ShellCommand reload() {
        return command(control.reload());
    }

    public ShellCommand promote() {
        return command(control.promote());
    }

    public String serverLog() {
        return control.serverLog();
    }

    private ShellCommand command(String line) {
        return new ShellCommand(line, control.runAs(), host.userFor(control.runAs()));
    }
}
