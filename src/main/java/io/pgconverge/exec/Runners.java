package io.pgconverge.exec;

import io.pgconverge.plan.AlterRole;
import io.pgconverge.plan.AppendLine;
import io.pgconverge.plan.BaseBackup;
import io.pgconverge.plan.Checkpoint;
import io.pgconverge.plan.CreateRole;
import io.pgconverge.plan.CreateSlot;
import io.pgconverge.plan.DropSlot;
import io.pgconverge.plan.EnsureDirectory;
import io.pgconverge.plan.Fence;
import io.pgconverge.plan.InitDb;
import io.pgconverge.plan.Promote;
import io.pgconverge.plan.RecordApplied;
import io.pgconverge.plan.Reload;
import io.pgconverge.plan.RemoveFile;
import io.pgconverge.plan.ResetAlterSystem;
import io.pgconverge.plan.Restart;
import io.pgconverge.plan.Rewind;
import io.pgconverge.plan.Start;
import io.pgconverge.plan.Stop;
import io.pgconverge.plan.Task;
import io.pgconverge.plan.VerifyReplication;
import io.pgconverge.plan.WaitForReplay;
import io.pgconverge.plan.WriteFile;

import java.util.HashMap;
import java.util.Map;

/** One runner per task kind. */
final class Runners {
    private final Map<Class<? extends Task>, TaskRunner<?>> byKind = new HashMap<>();

    Runners() {
        register(WriteFile.class, new FileRunners.WriteFileRunner());
        register(AppendLine.class, new FileRunners.AppendLineRunner());
        register(RemoveFile.class, new FileRunners.RemoveFileRunner());
        register(EnsureDirectory.class, new FileRunners.EnsureDirectoryRunner());
        register(RecordApplied.class, new FileRunners.RecordAppliedRunner());
        register(ResetAlterSystem.class, new SqlRunners.ResetAlterSystemRunner());
        register(CreateRole.class, new SqlRunners.CreateRoleRunner());
        register(AlterRole.class, new SqlRunners.AlterRoleRunner());
        register(CreateSlot.class, new SqlRunners.CreateSlotRunner());
        register(DropSlot.class, new SqlRunners.DropSlotRunner());
        register(Checkpoint.class, new SqlRunners.CheckpointRunner());
        register(Start.class, new ServiceRunners.StartRunner());
        register(Stop.class, new ServiceRunners.StopRunner());
        register(Fence.class, new ServiceRunners.FenceRunner());
        register(Restart.class, new ServiceRunners.RestartRunner());
        register(Reload.class, new ServiceRunners.ReloadRunner());
        register(InitDb.class, new DataDirRunners.InitDbRunner());
        register(BaseBackup.class, new DataDirRunners.BaseBackupRunner());
        register(Rewind.class, new DataDirRunners.RewindRunner());
        register(Promote.class, new ReplicationRunners.PromoteRunner());
        register(WaitForReplay.class, new ReplicationRunners.WaitForReplayRunner());
        register(VerifyReplication.class, new ReplicationRunners.VerifyReplicationRunner());
    }

    private <T extends Task> void register(Class<T> kind, TaskRunner<T> runner) {
        byKind.put(kind, runner);
    }

    @SuppressWarnings("unchecked")
    String run(Task task, RunContext context) {
        TaskRunner<Task> runner = (TaskRunner<Task>) byKind.get(task.getClass());
        if (runner == null) {
            throw new IllegalStateException("no runner for " + task.kind());
        }
        return runner.run(task, context);
    }
}
