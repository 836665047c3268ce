package io.pgconverge.plan.slots;

import io.pgconverge.plan.Notice;
import io.pgconverge.plan.task.Task;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The slot tasks on the primary and, for each standby rebuilt by a base backup, how the backup uses its slot.
 *
 * @param tasks     creations and drops, in standby order then stray slots
 * @param forBackup by standby: the slot the backup streams through and whether pg_basebackup creates it
 * @param before    by standby: the slot tasks its base backup or start must wait for
 */
public record SlotPlan(List<Task> tasks, Map<String, BackupSlot> forBackup, Map<String, List<Task>> before,
                List<Notice> warnings) {
    public SlotPlan {
        tasks = List.copyOf(tasks);
        forBackup = Map.copyOf(forBackup);
        before = Map.copyOf(before);
        warnings = List.copyOf(warnings);
    }

    public static SlotPlan none() {
        return new SlotPlan(List.of(), Map.of(), Map.of(), List.of());
    }

    public BackupSlot backupSlot(String standby) {
        return forBackup.getOrDefault(standby, new BackupSlot(Optional.empty(), false));
    }

    public List<Task> before(String standby) {
        return before.getOrDefault(standby, List.of());
    }

    /** @param create pg_basebackup creates the slot ({@code -C}) */
    public record BackupSlot(Optional<String> slot, boolean create) {
    }
}
