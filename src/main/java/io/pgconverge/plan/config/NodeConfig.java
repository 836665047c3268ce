package io.pgconverge.plan.config;

import io.pgconverge.plan.Notice;
import io.pgconverge.plan.task.EnsureDirectory;
import io.pgconverge.plan.task.ResetAlterSystem;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.WriteFile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration tasks of one node and what they need to take effect.
 *
 * @param writes        files written before the server (re)starts or reloads: pgconverge.conf, the include
 *                      line, standby files, postgresql.auto.conf
 * @param hba           the pg_hba.conf write, ordered after role changes
 * @param passfile      the passfile write, ordered after role changes; libpq reads it at each connection
 * @param restartFor    changed parameters that need a restart (postmaster context, unknown, pending restart)
 * @param reload        some change needs at least a reload
 * @param hotStandby    for changed hot-standby parameters: +1 raised, -1 lowered
 * @param replicationChanged a change concerns replication (recovery settings, standby files, WAL senders)
 * @param refusals      what the configuration's state forbids acting on (broken include chain, rejected lines,
 *                      values set outside any file)
 */
public record NodeConfig(List<Task> writes, Optional<WriteFile> hba, Optional<WriteFile> passfile,
                  Optional<ResetAlterSystem> reset,
                  Optional<EnsureDirectory> archiveDir, List<String> restartFor, boolean reload,
                  Map<String, Integer> hotStandby, boolean replicationChanged, List<Notice> warnings,
                  List<Notice> refusals) {
    public NodeConfig {
        refusals = List.copyOf(refusals);
        writes = List.copyOf(writes);
        restartFor = List.copyOf(restartFor);
        hotStandby = Map.copyOf(hotStandby);
        warnings = List.copyOf(warnings);
    }
}
