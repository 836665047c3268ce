package io.pgconverge.render;

import io.pgconverge.plan.Notice;
import io.pgconverge.plan.Plan;
import io.pgconverge.plan.task.Detail;
import io.pgconverge.plan.task.RecordApplied;
import io.pgconverge.plan.task.Task;

import java.util.List;

/**
 * The plan for people, in Terraform's spirit: per node, tasks in execution order with {@code + ~ - -/+ >}
 * markers and their step number in the whole plan, why each is needed, unified diffs of files, SQL with
 * secrets as {@code (sensitive)}, the commands exactly as run; then warnings, refusals and the summary line.
 * Applied records (the engine's bookkeeping) are not listed. Colour only when asked for.
 */
public final class TextPlanRenderer {
    static final String NO_CHANGES = "No changes. The cluster matches the playbook.";
    static final String REFUSED = "Refused: nothing will be applied until the problems above are resolved.";
    private final Ansi ansi;

    public TextPlanRenderer(boolean color) {
        this.ansi = new Ansi(color);
    }

    public String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        List<Task> shown = visible(plan);
        if (!shown.isEmpty()) {
            out.append("Plan for ").append(plan.playbook()).append(": ").append(shown.size())
                    .append(shown.size() == 1 ? " task" : " tasks").append(", per node in execution order.\n");
            for (String host : plan.hosts()) {
                List<Task> own = shown.stream().filter(t -> t.host().equals(host)).toList();
                if (!own.isEmpty()) {
                    out.append('\n').append(ansi.bold(host)).append('\n');
                    own.forEach(t -> task(out, t, shown.indexOf(t) + 1));
                }
            }
        }
        notices(out, "Warnings:", "!", plan.warnings());
        notices(out, "Refusals:", "x", plan.refusals());
        notices(out, "Applied only with apply --yes:", "!", plan.needsYes());
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append(finalLine(plan)).append('\n');
        return out.toString();
    }

    private String finalLine(Plan plan) {
        if (plan.refused()) {
            return ansi.red(REFUSED);
        }
        return plan.hasChanges() ? ansi.bold(plan.summary().line()) : NO_CHANGES;
    }

    /** Tasks people see: every task but the applied records. */
    static List<Task> visible(Plan plan) {
        return plan.tasks().stream().filter(t -> !(t instanceof RecordApplied)).toList();
    }

    private void task(StringBuilder out, Task task, int step) {
        out.append("  ").append(ansi.action(task.action(), task.action().marker() + " " + task.summary()))
                .append(ansi.dim("  [" + step + " " + task.id() + "]")).append('\n');
        out.append("      ").append(ansi.dim("# " + task.reason())).append('\n');
        for (Detail detail : task.details()) {
            for (String line : lines(detail)) {
                out.append("      ").append(line).append('\n');
            }
        }
    }

    private List<String> lines(Detail detail) {
        if (detail instanceof Detail.FileChange) {
            return UnifiedDiff.of((Detail.FileChange) detail).stream().map(ansi::diffLine).toList();
        }
        if (detail instanceof Detail.Sql) {
            return ((Detail.Sql) detail).statements().stream().map(s -> s + ";").toList();
        }
        if (detail instanceof Detail.Commands) {
            Detail.Commands commands = (Detail.Commands) detail;
            String prompt = commands.runAs().isEmpty() ? "$ " : "$ [" + commands.runAs() + "] ";
            return commands.commands().stream().map(c -> prompt + c).toList();
        }
        return List.of("# " + ((Detail.Note) detail).text());
    }

    private void notices(StringBuilder out, String title, String marker, List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        out.append('\n').append(ansi.bold(title)).append('\n');
        for (Notice n : notices) {
            out.append("  ").append(marker.equals("x") ? ansi.red(marker) : ansi.yellow(marker)).append(' ')
                    .append(n).append('\n');
        }
    }
}
