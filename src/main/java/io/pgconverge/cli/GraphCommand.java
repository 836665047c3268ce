package io.pgconverge.cli;

import io.pgconverge.plan.Plan;
import io.pgconverge.render.GraphRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code pgconverge graph}: the plan's task graph as Graphviz DOT or Mermaid. */
@Command(name = "graph", mixinStandardHelpOptions = true, description = "Print the plan's task graph (DOT for Graphviz, or Mermaid).")
public final class GraphCommand implements Callable<Integer> {
    /** The graph formats. */
    public enum Format { DOT, MERMAID }

    @Mixin
    ClusterOptions cluster;

    @Mixin
    GatherMixin gather;

    @Mixin
    PlanMixin planOptions;

    @Option(names = "--format", defaultValue = "dot", paramLabel = "FORMAT",
            description = "dot or mermaid (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Engine engine = Engine.load(cluster);
        Plan plan = engine.plan(engine.gather(gather.options()), planOptions.templates(), planOptions.options());
        GraphRenderer renderer = new GraphRenderer();
        spec.commandLine().getOut().print(format == Format.DOT ? renderer.dot(plan) : renderer.mermaid(plan));
        spec.commandLine().getOut().flush();
        return plan.refused() ? ExitCodes.ERROR : ExitCodes.OK;
    }
}
