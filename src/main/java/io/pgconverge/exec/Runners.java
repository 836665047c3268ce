package io.pgconverge.exec;

import io.pgconverge.plan.task.AlterRole;
import io.pgconverge.plan.task.AppendLine;
import io.pgconverge.plan.task.BaseBackup;
import io.pgconverge.plan.task.Checkpoint;
import io.pgconverge.plan.task.CreateRole;
import io.pgconverge.plan.task.CreateSlot;
import io.pgconverge.plan.task.DropSlot;
import io.pgconverge.plan.task.EnsureDirectory;
import io.pgconverge.plan.task.Fence;
import io.pgconverge.plan.task.InitDb;
import io.pgconverge.plan.task.Promote;
import io.pgconverge.plan.task.RecordApplied;
import io.pgconverge.plan.task.Reload;
import io.pgconverge.plan.task.RemoveFile;
import io.pgconverge.plan.task.ResetAlterSystem;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Rewind;
import io.pgconverge.plan.task.Start;
import io.pgconverge.plan.task.Stop;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.VerifyReplication;
import io.pgconverge.plan.task.WaitForControlData;
import io.pgconverge.plan.task.WaitForReplay;
import io.pgconverge.plan.task.WriteFile;

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
        register(WaitForControlData.class, new RollingRunners.WaitForControlDataRunner());
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
