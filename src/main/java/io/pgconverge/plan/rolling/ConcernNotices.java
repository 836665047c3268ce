package io.pgconverge.plan.rolling;

import io.pgconverge.facts.FileSettingError;
import io.pgconverge.facts.ServerConcerns;
import io.pgconverge.facts.SlotRetention;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.Notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Warnings from what running servers report: a slot that retains much WAL (its standby is gone or far behind;
 * the primary's disk fills until the slot is dropped or the standby catches up), and a configuration line the
 * server could not apply, with its file and line.
 */
public final class ConcernNotices {
    /** Retained WAL worth a warning: four default segments. */
    static final long RETAINED_WARNING_BYTES = 64L * 1024 * 1024;
    private static final Set<String> AT_RISK = Set.of("extended", "unreserved", "lost");

    private ConcernNotices() {
    }

    public static List<Notice> of(List<NodeContext> nodes) {
        List<Notice> notices = new ArrayList<>();
        for (NodeContext node : nodes) {
            ServerConcerns concerns = node.concerns();
            concerns.slotRetention().stream().filter(ConcernNotices::worthAWarning)
                    .forEach(slot -> notices.add(Notice.about(node.name(), retention(slot))));
            for (FileSettingError e : concerns.fileSettingErrors().stream()
                    .filter(e -> !e.awaitsRestart() && !e.removedSetting()).toList()) {
                notices.add(Notice.about(node.name(), e.file() + ":" + e.line() + ": " + e.name()
                        + " could not be applied: " + e.error()));
            }
        }
        return notices;
    }

    private static boolean worthAWarning(SlotRetention slot) {
        return slot.walStatus().filter(AT_RISK::contains).isPresent()
                || slot.retainedBytes().filter(b -> b >= RETAINED_WARNING_BYTES).isPresent();
    }

    private static String retention(SlotRetention slot) {
        String held = slot.retainedBytes().map(ConcernNotices::size).orElse("an unknown amount");
        String status = slot.walStatus().map(s -> "wal_status " + s).orElse("wal_status unknown")
                + slot.safeWalSize().map(b -> ", safe_wal_size " + size(b)).orElse("");
        return "slot " + slot.slot() + (slot.active() ? "" : " (inactive)") + " retains " + held + " of WAL ("
                + status + "): its standby is " + (slot.active() ? "far behind" : "gone or down")
                + "; bring it back or drop the slot before the disk fills";
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%d MB", bytes >> 20) + " (" + bytes + " bytes)";
    }
}
