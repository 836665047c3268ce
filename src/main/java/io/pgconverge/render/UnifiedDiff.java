package io.pgconverge.render;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import io.pgconverge.plan.task.Detail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Unified diffs of a file change (java-diff-utils), three lines of context; a created file is diffed
 * against /dev/null. A sensitive change yields one line saying it is hidden. Bytes are shown honestly:
 * control characters are escaped ({@code \r}, {@code \t} stays a tab, others as {@code \xNN}) and a last
 * line without a newline is followed by {@code \ No newline at end of file}, as diff does.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;
    static final String NO_NEWLINE = "\\ No newline at end of file";
    /** Marks a last line that lacks its newline while diffing; never part of a file's text. */
    private static final String UNTERMINATED = "\u0000unterminated";

    private UnifiedDiff() {
    }

    static List<String> of(Detail.FileChange change) {
        if (change.sensitive()) {
            return List.of("(sensitive content not shown)");
        }
        List<String> before = lines(change.before());
        List<String> after = lines(change.after());
        String from = change.before().isPresent() ? change.path() : "/dev/null";
        String to = change.after().isPresent() ? change.path() : "/dev/null";
        Patch<String> patch = DiffUtils.diff(before, after);
        if (patch.getDeltas().isEmpty()) {
            return List.of();
        }
        List<String> diff = new ArrayList<>(UnifiedDiffUtils.generateUnifiedDiff(from, to, before, patch, CONTEXT));
        diff.set(0, "--- " + from);
        diff.set(1, "+++ " + to);
        if (before.isEmpty()) {
            diff.set(2, diff.get(2).replaceFirst("^@@ -1,0 ", "@@ -0,0 "));
        }
        if (after.isEmpty()) {
            diff.set(2, diff.get(2).replaceFirst(" \\+1,0 @@", " +0,0 @@"));
        }
        return shown(diff);
    }

    private static List<String> shown(List<String> diff) {
        List<String> out = new ArrayList<>();
        for (String line : diff) {
            boolean unterminated = line.endsWith(UNTERMINATED);
            out.add(escaped(unterminated ? line.substring(0, line.length() - UNTERMINATED.length()) : line));
            if (unterminated) {
                out.add(NO_NEWLINE);
            }
        }
        return out;
    }

    /** Control characters made visible: {@code \r}, {@code \xNN}; tabs are left as they are. */
    static String escaped(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (char c : line.toCharArray()) {
            if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> lines(Optional<String> text) {
        if (text.isEmpty() || text.get().isEmpty()) {
            return List.of();
        }
        boolean terminated = text.get().endsWith("\n");
        String body = terminated ? text.get().substring(0, text.get().length() - 1) : text.get();
        List<String> lines = new ArrayList<>(Arrays.asList(body.split("\n", -1)));
        if (!terminated) {
            lines.set(lines.size() - 1, lines.get(lines.size() - 1) + UNTERMINATED);
        }
        return lines;
    }
}
