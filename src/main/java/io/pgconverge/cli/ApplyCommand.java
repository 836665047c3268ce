package io.pgconverge.cli;

import io.pgconverge.model.Timings;

import io.pgconverge.exec.AppliedBy;
import io.pgconverge.exec.ApplyLock;
import io.pgconverge.exec.ApplyResult;
import io.pgconverge.exec.Executor;
import io.pgconverge.exec.LockHolder;
import io.pgconverge.exec.NodeConnections;
import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.model.EngineException;
import io.pgconverge.plan.Notice;
import io.pgconverge.plan.Plan;
import io.pgconverge.plan.PlanOptions;
import io.pgconverge.plan.task.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code pgconverge apply}: plans as {@code plan} does, asks, then runs the plan on the nodes. */
@Command(name = "apply", mixinStandardHelpOptions = true, description = "Make the cluster match the playbook: plan, confirm, then run the plan.")
public final class ApplyCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAYBOOK", description = "The desired state of one cluster.")
    Path playbook;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", description = "Ansible-style YAML inventory.")
    Path inventory;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "KEY=VALUE", description = "Override a playbook key.")
    List<String> extraVars = new ArrayList<>();

    @Option(names = "--plan", paramLabel = "PLANFILE", description = "Apply a plan saved by plan --out.")
    Path planFile;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--force-unlock", paramLabel = "ID",
            description = "Take over the apply lock held by apply ID, whose holder is gone (see pgconverge unlock).")
    String forceUnlock;

    @Option(names = "--no-progress",
            description = "Plain lines, one per task start and end, even on a terminal (as when output is not one).")
    boolean noProgress;

    @Mixin
    GatherMixin gather;

    @Mixin
    PlanMixin planOptions;

    @Mixin
    LimitMixin limitOption;

    @Mixin
    VaultMixin vault;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<PlanFile> saved = Optional.ofNullable(planFile).map(PlanFile::read);
        ClusterOptions clusterOptions = options(saved);
        Engine engine = Engine.load(clusterOptions);
        Timings.Span locking = Timings.span("connect to every node and take the apply lock");
        try (NodeConnections connections = new NodeConnections(engine.cluster(), engine.shells(), engine.sessions(),
                gather.options().connectTimeout()).connectAll(gather.options().forks());
             ApplyLock lock = ApplyLock.acquire(engine.cluster().members(), h -> connections.shell(h.name()),
                     LockHolder.current(), Optional.ofNullable(forceUnlock), this::notice)) {
            locking.close();
            return planAndRun(engine, connections, saved, clusterOptions);
        }
    }

    /** Under the apply lock: facts, plan, confirmation, execution; the facts read through the apply's own shells. */
    private int planAndRun(Engine engine, NodeConnections connections, Optional<PlanFile> saved,
                           ClusterOptions clusterOptions) {
        Path playbookPath = clusterOptions.playbook();
        ClusterFacts facts = engine.gather(gather.options(), connections.borrowed());
        saved.ifPresent(s -> refuseStale(s, facts));
        PlanOptions options = saved.map(s -> new PlanOptions(s.force())).orElse(planOptions.options());
        Optional<String> limit = saved.isPresent() ? saved.get().limit() : limitOption.limit();
        Plan plan = engine.limited(engine.plan(facts, saved.flatMap(PlanFile::templates).map(Path::of)
                .or(planOptions::templates), options), limit, clusterOptions);
        saved.ifPresent(s -> refuseDifferent(s, plan));
        PrintWriter out = spec.commandLine().getOut();
        out.print(PlanFormat.TEXT.render(plan, Terminal.color()));
        out.flush();
        if (plan.refused()) {
            return ExitCodes.ERROR;
        }
        if (!plan.hasChanges()) {
            return ExitCodes.OK;
        }
        if (!yes && !plan.needsYes().isEmpty()) {
            throw new EngineException("This plan is applied only with --yes: " + String.join("; ",
                    plan.needsYes().stream().map(Notice::toString).toList()) + ". Nothing was changed.");
        }
        if (!yes && !confirmed(out)) {
            out.println("Apply cancelled; nothing was changed.");
            return ExitCodes.ERROR;
        }
        out.println();
        AppliedBy by = new AppliedBy(playbookPath.toString(), GitCommit.of(playbookPath), VersionProvider.version());
        try (ApplyView view = ApplyView.of(out, plan, !noProgress)) {
            ApplyResult result = new Executor(connections, by, gather.options().forks()).apply(plan, view);
            view.finish(result);
            return result.succeeded() ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }

    private ClusterOptions options(Optional<PlanFile> saved) {
        ClusterOptions options = new ClusterOptions();
        options.vault = vault;
        if (saved.isPresent()) {
            if (playbook != null || inventory != null || !extraVars.isEmpty()) {
                throw new EngineException("apply --plan takes no playbook, inventory or -e: the saved plan names them.");
            }
            options.playbook = Path.of(saved.get().playbook());
            options.inventory = Path.of(saved.get().inventory());
            options.extraVars = new ArrayList<>(saved.get().extraVars());
            return options;
        }
        if (playbook == null || inventory == null) {
            throw new EngineException("apply needs PLAYBOOK -i INVENTORY, or --plan PLANFILE.");
        }
        options.playbook = playbook;
        options.inventory = inventory;
        options.extraVars = new ArrayList<>(extraVars);
        return options;
    }

    private static void refuseStale(PlanFile saved, ClusterFacts facts) {
        List<String> changes = saved.staleness(facts);
        if (!changes.isEmpty()) {
            throw new EngineException("The saved plan is stale: " + String.join("; ", changes)
                    + ". Run plan again and review the new plan.");
        }
    }

    private static void refuseDifferent(PlanFile saved, Plan plan) {
        List<String> ids = plan.tasks().stream().map(Task::id).toList();
        if (!ids.equals(saved.taskIds())) {
            throw new EngineException("The saved plan is stale: planning again from the same inputs gives other tasks."
                    + " Run plan again and review the new plan.");
        }
    }

    private boolean confirmed(PrintWriter out) {
        if (System.console() == null) {
            throw new EngineException("apply asks for confirmation and standard input is not a terminal;"
                    + " review the plan and run apply --yes.");
        }
        out.print("\nApply these changes? Only 'yes' is accepted: ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return "yes".equals(answer == null ? null : answer.strip());
        } catch (IOException e) {
            return false;
        }
    }

    private void notice(String line) {
        spec.commandLine().getOut().println("Note: " + line);
        spec.commandLine().getOut().flush();
    }
}
