package io.pgconverge.cli;

import io.pgconverge.model.Host;
import io.pgconverge.model.RunAs;
import io.pgconverge.plan.service.ServiceControl;
import io.pgconverge.transport.PgSession;
import io.pgconverge.transport.RemoteShell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code pgconverge ping}: like {@code ansible -m ping}, checks on every node at once that SSH logs in, that become
 * reaches the PostgreSQL user (and root where the service manager needs it) and that SQL runs; changes nothing.
 */
@Command(name = "ping", mixinStandardHelpOptions = true,
        description = "Check SSH, become and SQL on every node, in parallel; changes nothing.")
public final class PingCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    GatherMixin gather;

    @Mixin
    LimitMixin limit;

    @Spec
    CommandSpec spec;

    /** One node's answer. */
    record Pong(String host, boolean ok, String text) {
    }

    @Override
    public Integer call() throws Exception {
        Engine engine = Engine.load(cluster).only(limit.limit(), cluster);
        List<Host> hosts = engine.cluster().members();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(gather.options().forks(),
                hosts.size())));
        try {
            List<Future<Pong>> answers = hosts.stream().map(h -> pool.submit(() -> ping(engine, h))).toList();
            PrintWriter out = spec.commandLine().getOut();
            boolean all = true;
            for (Future<Pong> answer : answers) {
                Pong pong = answer.get();
                all &= pong.ok();
                out.printf("%-12s %s  %s%n", pong.host(), pong.ok() ? "ok    " : "FAILED", pong.text());
            }
            out.flush();
            return all ? ExitCodes.OK : ExitCodes.ERROR;
        } finally {
            pool.shutdownNow();
        }
    }

    private Pong ping(Engine engine, Host host) {
        long start = System.nanoTime();
        try (RemoteShell shell = engine.shells().open(host, gather.options().connectTimeout())) {
            String ssh = "ssh as " + host.user() + " " + millis(start) + " ms";
            shell.checkRunAs(RunAs.SERVER_USER);
            RunAs service = ServiceControl.of(host.pg()).runAs();
            shell.checkRunAs(service);
            String become = service == RunAs.ROOT ? "become postgres and root" : "become postgres";
            try (PgSession sql = engine.sessions().open(host, shell)) {
                String version = sql.queryValue("SELECT current_setting('server_version')");
                return new Pong(host.name(), true, ssh + ", " + become + ", SQL: PostgreSQL " + version.strip()
                        + " (" + millis(start) + " ms in all)");
            }
        } catch (RuntimeException e) {
            return new Pong(host.name(), false, e.getMessage());
        }
    }

    private static long millis(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
