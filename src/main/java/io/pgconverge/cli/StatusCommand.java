package io.pgconverge.cli;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.render.ClusterStatus;
import io.pgconverge.render.StatusJsonRenderer;
import io.pgconverge.render.StatusTextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code pgconverge status}: the cluster's replication at a glance, like patronictl list; changes nothing. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show every node's role, timeline, LSN, replay lag, slot, upstream and last"
        + " apply, then warnings: unreachable or stopped nodes, split brain, standbys of the wrong upstream or of"
        + " another system, inactive slots retaining WAL."},
        footer = {"", "Exit status: 0 when the status could be read, with or without warnings (they",
                "are printed below the table); 1 on invalid input, or when no node of the",
                "cluster could be reached."})
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    GatherMixin gather;

    @Mixin
    LimitMixin limit;

    @Option(names = "--json", description = "Print the status as JSON (schema: docs/status.md).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Engine engine = Engine.load(cluster).only(limit.limit(), cluster);
        Cluster c = engine.cluster();
        ClusterFacts facts = engine.gather(gather.options());
        return show(ClusterStatus.of(c, facts), json, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    static int show(ClusterStatus status, boolean json, PrintWriter out, PrintWriter err) {
        out.print(json ? new StatusJsonRenderer().render(status) : new StatusTextRenderer().render(status));
        out.flush();
        if (status.nothingReachable()) {
            err.println("error: no node of the cluster could be reached; check the inventory's addresses and that"
                    + " sshd runs on the nodes.");
            err.flush();
            return ExitCodes.ERROR;
        }
        return ExitCodes.OK;
    }
}
