package io.pgconverge.plan;

import io.pgconverge.model.Intent;
import io.pgconverge.plan.task.BaseBackup;
import io.pgconverge.plan.task.RemoveFile;
import io.pgconverge.plan.task.Rewind;
import io.pgconverge.plan.task.Start;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.WriteFile;

import java.util.Optional;

/**
 * The intent marker's tasks on a node: written before its server is stopped for a base backup or rewind (the
 * runner then records how far the copy got), removed once it runs as a standby. A killed apply thereby leaves a
 * node the next plan recognises as half-built or as a finished copy that still needs its standby settings.
 */
final class IntentTasks {
    private IntentTasks() {
    }

    static void add(NodeWork w) {
        String path = w.node.paths().intent();
        Optional<String> found = w.node.facts().leftovers().intent();
        if (found.flatMap(Intent::parse).filter(Intent::handover).isPresent()) {
            handoverDone(w, path, found);
            return;
        }
        Optional<Intent> planned = w.rebuild.flatMap(IntentTasks::intentOf);
        planned.ifPresent(i -> w.intent = Optional.of(new WriteFile(w.name() + "/intent", w.name(), path, found,
                i.text(), "0644", false, "an apply killed from here on leaves a marker the next plan reads: it "
                + "rebuilds a half-made data directory and completes a finished copy, never starting either as it is")));
        boolean startsAsStandby = w.activation.filter(a -> a instanceof Start).isPresent() || w.node.running();
        if ((planned.isPresent() || found.isPresent()) && startsAsStandby) {
            w.intentDone = Optional.of(new RemoveFile(w.name() + "/intent-done", w.name(), path, found,
                    "the node runs as a standby again: the " + found.flatMap(Intent::parse).or(() -> planned)
                    .map(Intent::describe).orElse("interrupted work") + " is complete"));
        }
    }

    /**
     * A handover marker the restart by handover did not reach the end of: removed once the node's part is done, when
     * the rest of the handover is no longer planned as such (the node took the role back by a switchover, or runs).
     */
    private static void handoverDone(NodeWork w, String path, Optional<String> found) {
        if (w.node.running() || w.activation.isPresent() || w.promote.isPresent()) {
            w.intentDone = Optional.of(new RemoveFile(w.name() + "/intent-done", w.name(), path, found,
                    "the " + found.flatMap(Intent::parse).map(Intent::describe).orElseThrow() + " is complete"));
        }
    }

    private static Optional<Intent> intentOf(Task rebuild) {
        if (rebuild instanceof BaseBackup b) {
            return Optional.of(new Intent(Intent.Action.BASE_BACKUP, b.source(), Intent.Stage.PLANNED));
        }
        if (rebuild instanceof Rewind r) {
            return Optional.of(new Intent(Intent.Action.REWIND, r.source(), Intent.Stage.PLANNED));
        }
        return Optional.empty();
    }
}
