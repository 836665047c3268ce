package io.pgconverge.cli;

import io.pgconverge.model.Timings;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pgconverge plan}: gathers facts, compares them with the playbook and shows what apply would change. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Show what apply would change, in execution order; changes nothing.")
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    GatherMixin gather;

    @Mixin
    PlanMixin planOptions;

    @Mixin
    LimitMixin limit;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    PlanFormat format;

    @Option(names = "--out", paramLabel = "PLANFILE",
            description = "Also save the plan, with a fingerprint of the facts it was made from, for apply --plan.")
    Path out;

    @Option(names = "--detailed-exitcode",
            description = "Exit 0 when there is nothing to change, 2 when there are changes, 1 on errors.")
    boolean detailedExitcode;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Engine engine = Engine.load(cluster);
        ClusterFacts facts = engine.gather(gather.options());
        Plan plan = engine.limited(engine.plan(facts, planOptions.templates(), planOptions.options()),
                limit.limit(), cluster);
        PrintWriter stdout = spec.commandLine().getOut();
        HeldLocks.report(facts, spec.commandLine().getErr());
        try (Timings.Span span = Timings.span("render the plan")) {
            stdout.print(format.render(plan, Terminal.color()));
        }
        stdout.flush();
        if (out != null) {
            PlanFile.of(cluster, planOptions, limit.limit(), facts, plan).write(out);
            stdout.println("Saved the plan to " + out + "; apply it with: pgconverge apply --plan " + out);
        }
        if (plan.refused()) {
            return ExitCodes.ERROR;
        }
        return detailedExitcode && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
    }
}
