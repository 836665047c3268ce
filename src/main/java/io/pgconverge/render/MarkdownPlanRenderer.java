package io.pgconverge.render;

import io.pgconverge.plan.Notice;
import io.pgconverge.plan.Plan;
import io.pgconverge.plan.task.Detail;
import io.pgconverge.plan.task.Task;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan as Markdown for a pull request, reviewed together with the desired-state commit: a heading, the
 * summary, warnings and refusals, then a section per node with each task's step, marker and reason, and its
 * diff, SQL and commands in fenced code blocks. Secrets never appear.
 */
public final class MarkdownPlanRenderer {
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    public String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("## pgconverge plan for `").append(plan.playbook()).append("`\n\n");
        out.append("**").append(plan.refused() ? TextPlanRenderer.REFUSED
                : plan.hasChanges() ? plan.summary().line() : TextPlanRenderer.NO_CHANGES).append("**\n");
        notices(out, "Refusals", plan.refusals());
        notices(out, "Warnings", plan.warnings());
        notices(out, "Applied only with apply --yes", plan.needsYes());
        List<Task> shown = TextPlanRenderer.visible(plan);
        for (String host : plan.hosts()) {
            List<Task> own = shown.stream().filter(t -> t.host().equals(host)).toList();
            if (own.isEmpty()) {
                continue;
            }
            out.append("\n### ").append(host).append("\n");
            for (Task task : own) {
                task(out, task, shown.indexOf(task) + 1);
            }
        }
        return out.toString();
    }

    private static void task(StringBuilder out, Task task, int step) {
        out.append("\n").append(step).append(". `").append(task.action().marker()).append("` **")
                .append(escape(task.summary())).append("** (`").append(task.id()).append("`)  \n   ")
                .append(escape(task.reason())).append("\n");
        for (Detail detail : task.details()) {
            if (detail instanceof Detail.FileChange) {
                block(out, "diff", UnifiedDiff.of((Detail.FileChange) detail));
            } else if (detail instanceof Detail.Sql) {
                block(out, "sql", ((Detail.Sql) detail).statements().stream().map(s -> s + ";").toList());
            } else if (detail instanceof Detail.Commands) {
                Detail.Commands commands = (Detail.Commands) detail;
                if (!commands.runAs().isEmpty()) {
                    out.append("\n   As `").append(commands.runAs()).append("`:\n");
                }
                block(out, "sh", commands.commands());
            } else {
                out.append("\n   ").append(escape(((Detail.Note) detail).text())).append("\n");
            }
        }
    }

    private static void block(StringBuilder out, String language, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        String fence = fence(String.join("\n", lines));
        out.append("\n   ").append(fence).append(language).append("\n");
        for (String line : lines) {
            out.append(line.isEmpty() ? "" : "   " + line).append("\n");
        }
        out.append("   ").append(fence).append("\n");
    }

    /** A fence longer than any run of backticks in the content. */
    private static String fence(String content) {
        int longest = 2;
        Matcher m = BACKTICKS.matcher(content);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return "`".repeat(longest + 1);
    }

    private static void notices(StringBuilder out, String title, List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        out.append("\n**").append(title).append(":**\n\n");
        notices.forEach(n -> out.append("- ").append(escape(n.toString())).append("\n"));
    }

    /** Escapes the characters that would turn plain text into Markdown markup. */
    static String escape(String text) {
        return text.replaceAll("([\\\\`*_\\[\\]<>|])", "\\\\$1");
    }
}
