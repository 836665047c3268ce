package io.pgconverge.exec;

import io.pgconverge.plan.task.Fence;
import io.pgconverge.plan.task.Reload;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Start;
import io.pgconverge.plan.task.Stop;

import io.pgconverge.plan.task.ShellCommand;

import java.time.Duration;

/** Runners of the service tasks: start, stop, restart, reload, fence. */
final class ServiceRunners {
    private static final Duration READY = Duration.ofSeconds(60);

    private ServiceRunners() {
    }

    static final class StartRunner implements TaskRunner<Start> {
        @Override
        public String run(Start task, RunContext context) {
            ServerControl server = new ServerControl(context);
            if (server.running()) {
                return "already running";
            }
            server.serviceCommand(task.command(), "start");
            server.awaitReady(READY);
            return "started";
        }
    }

    /** Stops a running server with {@code command}; a server already down is left as it is. */
    private static String stopIfRunning(RunContext context, ShellCommand command, String what, String done) {
        ServerControl server = new ServerControl(context);
        if (!server.running()) {
            return "already stopped";
        }
        server.serviceCommand(command, what);
        return done;
    }

    static final class StopRunner implements TaskRunner<Stop> {
        @Override
        public String run(Stop task, RunContext context) {
            return stopIfRunning(context, task.command(), "stop", "stopped");
        }
    }

    static final class FenceRunner implements TaskRunner<Fence> {
        @Override
        public String run(Fence task, RunContext context) {
            return stopIfRunning(context, task.command(), "fence", "stopped; it takes no writes");
        }
    }

    static final class RestartRunner implements TaskRunner<Restart> {
        @Override
        public String run(Restart task, RunContext context) {
            ServerControl server = new ServerControl(context);
            server.serviceCommand(task.command(), "restart");
            server.awaitReady(READY);
            return "restarted";
        }
    }

    static final class ReloadRunner implements TaskRunner<Reload> {
        @Override
        public String run(Reload task, RunContext context) {
            ServerControl server = new ServerControl(context);
            if (!server.running()) {
                return "not running; it reads the configuration when it starts";
            }
            server.serviceCommand(task.command(), "reload");
            return "reloaded";
        }
    }
}
