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

import java.util.List;
import java.util.concurrent.Callable;

/** {@code pgconverge facts}: what every node of the cluster is, read over SSH and SQL; changes nothing. */
@Command(name = "facts", description = "Gather and show the facts of every node of the cluster.")
public final class FactsCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    GatherMixin gather;

    @Option(names = "--json", description = "Print the facts as JSON (schema: docs/facts.md).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Cluster c = cluster.loadCluster();
        ClusterFacts facts = Engine.of(c).gather(gather.options());
        List<PreflightProblem> problems = Preflight.check(c, facts);
        String text = json ? new FactsJsonRenderer().render(facts, problems)
                : new FactsTextRenderer().render(facts, problems);
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        if (!problems.isEmpty()) {
            problems.forEach(p -> spec.commandLine().getErr().println("error: " + p.message()));
            return ExitCodes.ERROR;
        }
        return ExitCodes.OK;
    }
}
