package io.pgconverge.cli;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.Preflight;
import io.pgconverge.facts.PreflightProblem;
import io.pgconverge.model.Cluster;
import io.pgconverge.render.FactsJsonRenderer;
import io.pgconverge.render.FactsTextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pgconverge facts}: what every node of the cluster is, read over SSH and SQL; changes nothing. */
@Command(name = "facts", mixinStandardHelpOptions = true,
        description = "Gather and show the facts of every node of the cluster.",
        footer = {"", "Exit status: 0 when the preflight checks pass (unreachable nodes are shown,",
                "not errors); 1 on invalid input, or when the nodes differ in CPU architecture,",
                "OS family or PostgreSQL major version, or lack the inventory's PostgreSQL."})
public final class FactsCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    GatherMixin gather;

    @Mixin
    LimitMixin limit;

    @Option(names = "--json", description = "Print the facts as JSON (schema: docs/facts.md).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Engine engine = Engine.load(cluster).only(limit.limit(), cluster);
        Cluster c = engine.cluster();
        ClusterFacts facts = engine.gather(gather.options());
        return show(c, facts, json, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Prints the facts and the preflight problems; the exit status is 1 when there is any problem. */
    static int show(Cluster cluster, ClusterFacts facts, boolean json, PrintWriter out, PrintWriter err) {
        List<PreflightProblem> problems = Preflight.check(cluster, facts);
        out.print(json ? new FactsJsonRenderer().render(facts, problems)
                : new FactsTextRenderer().render(facts, problems));
        out.flush();
        problems.forEach(p -> err.println("error: " + p.message()));
        err.flush();
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
