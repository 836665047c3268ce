package io.pgconverge.cli;

import io.pgconverge.exec.Progress;
import io.pgconverge.exec.TaskOutcome;
import io.pgconverge.exec.TaskState;
import io.pgconverge.plan.task.RecordApplied;
import io.pgconverge.plan.task.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the live view of an apply shows, as text: a line per node (its tasks done of its total, what runs there now,
 * how far a base backup got) and a total line. Fed by the apply's events; drawn by {@link LiveApplyView}.
 */
final class ApplyBoard {
    private static final int BAR = 20;
    private final Map<String, NodeRow> rows = new LinkedHashMap<>();
    private final long startNanos;

    /** @param hosts the plan's hosts in inventory order; a task's host not among them gets a line too */
    ApplyBoard(List<String> hosts, List<Task> tasks, long startNanos) {
        this.startNanos = startNanos;
        hosts.forEach(h -> rows.put(h, new NodeRow()));
        tasks.stream().filter(ApplyBoard::shown).forEach(t -> rows.computeIfAbsent(t.host(), h -> new NodeRow()).total++);
        rows.values().removeIf(r -> r.total == 0);
    }

    /** One task that runs: its command (or its summary until a command starts), the last note, a copy's share. */
    private record Activity(String command, Optional<String> note, Optional<Progress.Share> share) {
        String text() {
            return command + share.map(ApplyBoard::share).or(() -> note.map(n -> ": " + n)).orElse("");
        }
    }

    private static final class NodeRow {
        private final Map<String, Activity> running = new LinkedHashMap<>();
        private int total;
        private int done;
        private int failed;
        private int skipped;
    }

    /** The tasks the plan lists: the applied record each node gets at the end is not one of them. */
    private static boolean shown(Task task) {
        return !(task instanceof RecordApplied);
    }

    /** The task's node line; a task the plan does not list counts on a line of its own that is never drawn. */
    private NodeRow row(Task task) {
        return shown(task) ? rows.computeIfAbsent(task.host(), h -> new NodeRow()) : new NodeRow();
    }

    void started(Task task) {
        row(task).running.put(task.id(), new Activity(task.summary(), Optional.empty(), Optional.empty()));
    }

    void command(Task task, String command) {
        row(task).running.computeIfPresent(task.id(), (id, a) -> new Activity(command, Optional.empty(),
                Optional.empty()));
    }

    /** A line with a share shows the share; any other line is a note on what the command does now. */
    void progress(Task task, Progress progress) {
        row(task).running.computeIfPresent(task.id(), (id, a) -> progress.share().isPresent()
                ? new Activity(a.command(), Optional.empty(), progress.share())
                : new Activity(a.command(), Optional.of(progress.text()), Optional.empty()));
    }

    void finished(Task task, TaskOutcome outcome) {
        NodeRow row = row(task);
        row.running.remove(task.id());
        if (outcome.state() == TaskState.DONE) {
            row.done++;
        } else if (outcome.state() == TaskState.FAILED) {
            row.failed++;
        } else {
            row.skipped++;
        }
    }

    /** The lines to draw at {@code nowNanos}, each cut to {@code width} characters. */
    List<String> lines(long nowNanos, int width) {
        int nameWidth = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        int countWidth = String.valueOf(rows.values().stream().mapToInt(r -> r.total).max().orElse(0)).length();
        List<String> lines = new ArrayList<>();
        int done = 0;
        int total = 0;
        int running = 0;
        int failed = 0;
        int skipped = 0;
        for (Map.Entry<String, NodeRow> e : rows.entrySet()) {
            NodeRow r = e.getValue();
            String count = String.format(Locale.ROOT, "%" + countWidth + "d/%-" + countWidth + "d", r.done, r.total);
            lines.add(cut(pad(e.getKey(), nameWidth) + "  " + count + "  " + state(r), width));
            done += r.done;
            total += r.total;
            running += r.running.size();
            failed += r.failed;
            skipped += r.skipped;
        }
        String sum = pad("total", nameWidth) + "  " + done + "/" + total + " tasks done"
                + (running > 0 ? ", " + running + " running" : "") + (failed > 0 ? ", " + failed + " failed" : "")
                + (skipped > 0 ? ", " + skipped + " skipped" : "") + "  " + elapsed(nowNanos - startNanos);
        lines.add(cut(sum, width));
        return lines;
    }

    private static String state(NodeRow r) {
        if (!r.running.isEmpty()) {
            Activity first = r.running.values().iterator().next();
            String more = r.running.size() > 1 ? "  (+" + (r.running.size() - 1) + " running)" : "";
            return first.text() + more;
        }
        if (r.done + r.failed + r.skipped < r.total) {
            return "waiting";
        }
        if (r.failed + r.skipped == 0) {
            return "done";
        }
        return (r.failed > 0 ? r.failed + " failed" : "") + (r.failed > 0 && r.skipped > 0 ? ", " : "")
                + (r.skipped > 0 ? r.skipped + " skipped" : "");
    }

    /** {@code  [#########-----------]  42% of 1.2 GB} */
    static String share(Progress.Share s) {
        int filled = s.percent() * BAR / 100;
        return "  [" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", s.percent()) + " of " + size(s.totalKb());
    }

    static String size(long kb) {
        if (kb < 1024) {
            return kb + " kB";
        }
        double mb = kb / 1024.0;
        return mb < 1024 ? String.format(Locale.ROOT, "%.1f MB", mb) : String.format(Locale.ROOT, "%.1f GB", mb / 1024);
    }

    static String elapsed(long nanos) {
        long s = Math.max(0, nanos / 1_000_000_000L);
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String cut(String line, int width) {
        return line.length() <= width ? line : line.substring(0, Math.max(0, width));
    }
}
