package io.pgconverge.plan;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;

import java.nio.file.Files;
import java.nio.file.Path;

/** Carries out a plan's tasks in order on a {@link LocalCluster}, for integration tests of the planner only. */
final class NaiveRunner {
    private final LocalCluster local;
    private final Cluster cluster;

    NaiveRunner(LocalCluster local, Cluster cluster) {
        this.local = local;
        this.cluster = cluster;
    }

    void apply(Plan plan) {
        if (plan.refused()) {
            throw new IllegalStateException("refused: " + plan.refusals());
        }
        plan.tasks().forEach(this::run);
    }

    private void run(Task task) {
        Host host = cluster.host(task.host()).orElseThrow();
        if (task instanceof WriteFile) {
            WriteFile w = (WriteFile) task;
            local.write(w.path(), w.after(), w.mode());
        } else if (task instanceof AppendLine) {
            AppendLine a = (AppendLine) task;
            String current = Files.exists(Path.of(a.path())) ? local.read(a.path()) : "";
            if (!current.lines().anyMatch(a.line()::equals)) {
                local.write(a.path(), a.appendedTo(current), "0644");
            }
        } else if (task instanceof CreateRole) {
            local.psql(host, ((CreateRole) task).statement().sql() + ";");
        } else if (task instanceof AlterRole) {
            local.psql(host, ((AlterRole) task).statement().sql() + ";");
        } else if (task instanceof ResetAlterSystem) {
            ((ResetAlterSystem) task).statements().forEach(s -> local.psql(host, s.sql() + ";"));
        } else if (task instanceof CreateSlot) {
            local.psql(host, ((CreateSlot) task).statement().sql());
        } else if (task instanceof DropSlot) {
            local.psql(host, ((DropSlot) task).statement().sql());
        } else if (task instanceof BaseBackup) {
            BaseBackup b = (BaseBackup) task;
            local.write(b.passfile(), b.passfileContent(), "0600");
            b.commands().forEach(c -> LocalCluster.sh(c + " >/dev/null 2>&1"));
        } else if (task instanceof VerifyReplication) {
            verify((VerifyReplication) task, host);
        } else if (!(task instanceof RecordApplied)) {
            task.details().stream().filter(d -> d instanceof Detail.Commands)
                    .flatMap(d -> ((Detail.Commands) d).commands().stream())
                    .forEach(c -> LocalCluster.sh(c + " >/dev/null"));
        }
    }

    private void verify(VerifyReplication v, Host primary) {
        for (int i = 0; i < 60; i++) {
            String streaming = local.psql(primary, "select count(*) from pg_stat_replication where state = 'streaming'");
            if (Integer.parseInt(streaming.trim()) == v.standbys().size()) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("standbys do not stream");
    }
}
