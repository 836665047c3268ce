package io.pgconverge.cli;

import io.pgconverge.exec.LockHolder;
import io.pgconverge.facts.ClusterFacts;

import java.io.PrintWriter;

/** What {@code plan} says about an apply lock it finds held: who holds it, and whether that apply is gone. */
final class HeldLocks {
    private HeldLocks() {
    }

    static void report(ClusterFacts facts, PrintWriter err) {
        facts.nodes().forEach((host, node) -> node.leftovers().lockHolder().ifPresent(text -> {
            String named = LockHolder.parse(text).map(h -> h.describe() + (h.provablyGone()
                    ? " (gone: the next apply on this host takes the lock over)"
                    : h.host().equals(LockHolder.thisHost()) ? " (still running)"
                    : " (remove it with pgconverge unlock if that apply is gone)")).orElse(text.strip());
            err.println("Note: " + host + ": the apply lock is held by " + named);
        }));
        err.flush();
    }
}
