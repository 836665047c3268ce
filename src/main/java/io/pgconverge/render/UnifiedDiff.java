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
 * against /dev/null. A sensitive change yields one line saying it is hidden.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

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
        return diff;
    }

    private static List<String> lines(Optional<String> text) {
        if (text.isEmpty() || text.get().isEmpty()) {
            return List.of();
        }
        String body = text.get().endsWith("\n") ? text.get().substring(0, text.get().length() - 1) : text.get();
        return Arrays.asList(body.split("\n", -1));
    }
}
