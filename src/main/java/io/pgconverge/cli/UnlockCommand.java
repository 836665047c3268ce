package io.pgconverge.cli;

import io.pgconverge.exec.LockDirectory;
import io.pgconverge.exec.LockHolder;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.EngineException;
import io.pgconverge.model.Host;
import io.pgconverge.transport.RemoteShell;
import io.pgconverge.transport.RemoteShells;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code pgconverge unlock}: shows who holds the apply lock on each node and removes it. A holder that runs on this
 * host and is still alive is refused: that apply is not gone.
 */
@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = "Remove an apply lock whose holder is gone, after showing who held it.")
public final class UnlockCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    GatherMixin gather;

    @Option(names = "--id", paramLabel = "ID", description = "Remove only the lock of this apply.")
    String id;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Cluster c = cluster.loadCluster();
        PrintWriter out = spec.commandLine().getOut();
        List<String> alive = new ArrayList<>();
        int removed = 0;
        for (Host h : c.members()) {
            try (RemoteShell shell = RemoteShells.open(h, gather.options().connectTimeout())) {
                LockDirectory dir = new LockDirectory(h, shell);
                Optional<String> text = dir.holder();
                if (text.isEmpty()) {
                    out.println(h.name() + ": not locked");
                    continue;
                }
                Optional<LockHolder> holder = LockHolder.parse(text.get());
                String named = holder.map(LockHolder::describe).orElse(text.get().strip());
                if (holder.isPresent() && holder.get().host().equals(LockHolder.thisHost())
                        && !holder.get().provablyGone()) {
                    alive.add(h.name() + " (" + named + ")");
                    continue;
                }
                if (id != null && !holder.map(LockHolder::id).orElse("").equals(id)) {
                    out.println(h.name() + ": locked by " + named + "; left, it is not " + id);
                    continue;
                }
                if (dir.release(id == null ? "" : id)) {
                    removed++;
                    out.println(h.name() + ": removed " + dir.path() + ", held by " + named);
                }
            }
        }
        out.flush();
        if (!alive.isEmpty()) {
            throw new EngineException("the apply holding the lock still runs on this host: "
                    + String.join(", ", alive) + "; wait for it to finish");
        }
        out.println(removed == 0 ? "No lock removed." : "Removed the apply lock on " + removed + " node(s).");
        return ExitCodes.OK;
    }
}
