package io.pgconverge.plan.config;

import io.pgconverge.facts.FileFact;
import io.pgconverge.facts.FileSettingError;
import io.pgconverge.model.ArchiveSpec;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.NodePaths;
import io.pgconverge.model.RunAs;
import io.pgconverge.model.Sha256;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.Notice;
import io.pgconverge.plan.task.AppendLine;
import io.pgconverge.plan.task.EnsureDirectory;
import io.pgconverge.plan.task.ResetAlterSystem;
import io.pgconverge.plan.task.Task;
import io.pgconverge.plan.task.WriteFile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans one node's configuration: pgconverge.conf and its include line, pg_hba.conf, the standby files,
 * the passfile, values set with ALTER SYSTEM for managed parameters, and the archive directory; and decides
 * what the changes need to take effect.
 */
public final class ConfigPlanner {
    public static final String INCLUDE_LINE = "include_if_exists = 'pgconverge.conf'";
    private static final Set<String> REPLICATION_NAMES = Set.of("primary_conninfo", "primary_slot_name",
            "recovery_target_timeline", "restore_command", "wal_level", "max_wal_senders", "max_replication_slots",
            "hot_standby", "listen_addresses", "port");
    /** Settings read only in recovery: a server being promoted, or the primary, needs no restart for them. */
    private static final Set<String> RECOVERY_NAMES = Set.of("primary_conninfo", "primary_slot_name",
            "recovery_target_timeline", "restore_command");

    private final Cluster cluster;

    public ConfigPlanner(Cluster cluster) {
        this.cluster = cluster;
    }

    public NodeConfig plan(NodeContext node, Fate fate, NodeFiles files) {
        boolean fresh = fate == Fate.INIT_DB || fate == Fate.REBUILD || fate == Fate.REJOIN;
        boolean configFresh = fresh && node.paths().configInsideDataDir();
        boolean inPlace = fate == Fate.KEEP || fate == Fate.PROMOTE;
        List<Task> writes = new ArrayList<>();
        Optional<String> currentConf = configFresh ? Optional.empty() : node.content(node.paths().pgconvergeConf());
        Map<String, String> before = currentConf.map(ConfFile::values).orElse(Map.of());
        Map<String, String> after = ConfFile.values(files.pgconvergeConf());
        Optional<String> postgresqlConf = configFresh ? Optional.empty() : node.content(node.paths().postgresqlConf());
        boolean included = postgresqlConf.map(ConfigPlanner::includes).orElse(false);
        if (!included) {
            writes.add(new AppendLine(node.name() + "/include", node.name(), node.paths().postgresqlConf(),
                    INCLUDE_LINE, postgresqlConf, "postgresql.conf does not include the engine's settings file yet"));
        }
        Set<String> alterSystem = inPlace ? AlterSystemDrift.names(node, files.settings().keySet()) : Set.of();
        if (fate == Fate.START || fate == Fate.DEMOTE) {
            AlterSystemDrift.rewrite(node, files.settings().keySet()).ifPresent(writes::add);
        }
        List<String> restartFor = new ArrayList<>();
        boolean standbyFilesChanged = standbyFiles(node, fresh, files, writes, restartFor);
        SettingChanges changes = SettingChanges.of(node, before, after, included, alterSystem);
        ConfigOverrides overrides = ConfigOverrides.plan(node, files.settings(), postgresqlConf, alterSystem,
                cluster.desired().source(), inPlace);
        settingsFile(node, currentConf, files, diff(before, after), overrides.shadowed()).ifPresent(w -> writes.add(0, w));
        overrides.postgresqlConf().ifPresent(writes::add);
        Optional<WriteFile> hba = hba(node, configFresh, files);
        Optional<WriteFile> ident = ident(node, configFresh, files);
        ident.ifPresent(writes::add);
        boolean reload = false;
        if (inPlace) {
            changes.restartFor.stream().filter(n -> !restartFor.contains(n))
                    .filter(n -> !RECOVERY_NAMES.contains(n) || !(fate == Fate.PROMOTE || node.desiredPrimary()
                            && node.outOfRecovery())).forEach(restartFor::add);
            overrides.restartFor().stream().filter(n -> !restartFor.contains(n)).forEach(restartFor::add);
            if (fate == Fate.KEEP) {
                pendingNames(node, after.keySet()).stream().filter(n -> !restartFor.contains(n))
                        .forEach(restartFor::add);
            }
            reload = changes.needsReload() || overrides.reload() || hba.isPresent() || ident.isPresent()
                    || !restartFor.isEmpty();
        }
        boolean replicationChanged = standbyFilesChanged || changes.changed.stream().anyMatch(REPLICATION_NAMES::contains)
                || diff(before, after).stream().anyMatch(REPLICATION_NAMES::contains);
        List<Notice> warnings = differences(node, overrides, changes.changed);
        pendingElsewhere(node, after.keySet(), !restartFor.isEmpty()).ifPresent(warnings::add);
        return new NodeConfig(writes, hba, passfile(node, files), reset(node, alterSystem), archiveDir(node),
                restartFor, reload, fate == Fate.KEEP ? changes.hotStandby : Map.of(), replicationChanged, warnings,
                overrides.refusals());
    }

    /**
     * Values in effect that differ from the playbook's for a reason no file write of this plan shows (a reload
     * that did not happen, a file read before pgconverge.conf was included): warnings naming who sets them.
     */
    private static List<Notice> differences(NodeContext node, ConfigOverrides overrides, Set<String> changed) {
        List<Notice> notices = new ArrayList<>();
        if (overrides.postgresqlConf().isEmpty()) {
            overrides.differences().stream().filter(d -> changed.stream().noneMatch(n -> d.startsWith(n + " ")))
                    .forEach(d -> notices.add(Notice.about(node.name(), d + "; this plan reloads it")));
        }
        return notices;
    }

    private static Optional<WriteFile> settingsFile(NodeContext node, Optional<String> current, NodeFiles files,
                                                    Set<String> changed, List<String> shadowed) {
        if (current.equals(Optional.of(files.pgconvergeConf()))) {
            return Optional.empty();
        }
        return Optional.of(new WriteFile(node.name() + "/pgconverge.conf", node.name(), node.paths().pgconvergeConf(),
                current, files.pgconvergeConf(), "0644", false, current.isEmpty()
                ? "the engine's settings file is missing" : changed.isEmpty() ? "the file differs from its template"
                : "settings differ from the playbook: " + String.join(", ", changed) + shadowedBy(changed, shadowed)));
    }

    /** The lines pgconverge.conf shadows for the parameters it changes: said once, when the change is made. */
    private static String shadowedBy(Set<String> changed, List<String> shadowed) {
        List<String> lines = shadowed.stream().filter(s -> changed.stream().anyMatch(n -> s.contains(" sets " + n + " = ")))
                .toList();
        return lines.isEmpty() ? "" : "; " + String.join("; ", lines);
    }

    /**
     * Parameters the playbook does not manage that wait for a restart: someone changed them by hand. Recovery
     * settings on the primary are left out: a promoted standby's recovery_target_timeline waits for a restart
     * once it left pgconverge.conf, and means nothing out of recovery.
     */
    private static Optional<Notice> pendingElsewhere(NodeContext node, Set<String> managed, boolean restarting) {
        List<String> names = pendingNames(node, managed);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Notice.about(node.name(), String.join(", ", names) + " changed outside the playbook and "
                + (names.size() == 1 ? "waits" : "wait") + " for a restart" + (restarting
                ? ", which this plan's restart applies" : "; this plan does not restart the node")));
    }

    /**
     * Unmanaged parameters pending a restart: pg_settings.pending_restart after a reload, or, before one,
     * pg_file_settings' "setting could not be applied" (a file sets a postmaster parameter to another value).
     * A kept node is restarted for them.
     */
    private static List<String> pendingNames(NodeContext node, Set<String> managed) {
        return node.server().map(s -> java.util.stream.Stream.concat(
                s.settings().values().stream().filter(f -> f.pendingRestart()).map(f -> f.name()),
                s.concerns().fileSettingErrors().stream().filter(FileSettingError::awaitsRestart).map(e -> e.name()))
                .filter(name -> !managed.contains(name))
                .filter(name -> !(node.desiredPrimary() && RECOVERY_NAMES.contains(name)))
                .distinct().sorted().toList())
                .orElse(List.of());
    }

    private static Optional<ResetAlterSystem> reset(NodeContext node, Set<String> names) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResetAlterSystem(node.name() + "/alter-system", node.name(), List.copyOf(names),
                "set with ALTER SYSTEM, which overrides the playbook"));
    }

    private Optional<WriteFile> hba(NodeContext node, boolean configFresh, NodeFiles files) {
        String path = node.paths().hbaFile();
        Optional<String> current = configFresh ? Optional.empty() : node.content(path);
        if (current.equals(Optional.of(files.hba()))) {
            return Optional.empty();
        }
        return Optional.of(new WriteFile(node.name() + "/hba", node.name(), path, current, files.hba(), "0640", false,
                current.isEmpty() ? "pg_hba.conf is missing" : "pg_hba.conf differs from the playbook's hba list"));
    }

    /** pg_ident.conf, owned whole once the playbook declares ident maps. */
    private static Optional<WriteFile> ident(NodeContext node, boolean configFresh, NodeFiles files) {
        String path = node.paths().identFile();
        Optional<String> current = configFresh ? Optional.empty() : node.content(path);
        if (files.ident().isEmpty() || current.equals(files.ident())) {
            return Optional.empty();
        }
        return Optional.of(new WriteFile(node.name() + "/ident", node.name(), path, current, files.ident().get(), "0640",
                false, current.isEmpty() ? "pg_ident.conf is missing" : "pg_ident.conf differs from the playbook's ident list"));
    }

    /** standby.signal (12+) or recovery.conf (before 12); true when one is written. */
    private boolean standbyFiles(NodeContext node, boolean fresh, NodeFiles files, List<Task> writes,
                                 List<String> restartFor) {
        NodePaths paths = node.paths();
        boolean signalThere = !fresh && (node.facts().file(paths.standbySignal()).exists()
                || node.facts().dataDir().map(d -> d.standbySignal()).orElse(false));
        if (files.standbySignal().isPresent() && !signalThere) {
            writes.add(new WriteFile(node.name() + "/standby.signal", node.name(), paths.standbySignal(), Optional.empty(),
                    files.standbySignal().get(), "0600", false, "marks the node as a standby"));
            return true;
        }
        if (files.recoveryConf().isEmpty()) {
            return false;
        }
        Optional<String> current = fresh ? Optional.empty() : node.content(paths.recoveryConf());
        if (current.equals(files.recoveryConf())) {
            return false;
        }
        writes.add(new WriteFile(node.name() + "/recovery.conf", node.name(), paths.recoveryConf(), current,
                files.recoveryConf().get(), "0600", files.recoverySensitive(), current.isEmpty()
                ? "makes the node a standby of " + cluster.desired().primary()
                : "the standby's recovery settings differ from the playbook"));
        restartFor.add("recovery.conf");
        return true;
    }

    private Optional<WriteFile> passfile(NodeContext node, NodeFiles files) {
        if (files.passfile().isEmpty()) {
            return Optional.empty();
        }
        String path = node.paths().passfile();
        FileFact current = node.facts().file(path);
        boolean modeOk = modeIs(current.mode(), 0600);
        if (current.sha256().equals(Optional.of(Sha256.hex(files.passfile().get()))) && modeOk) {
            return Optional.empty();
        }
        return Optional.of(new WriteFile(node.name() + "/passfile", node.name(), path,
                current.exists() ? Optional.of("") : Optional.empty(), files.passfile().get(), "0600", true,
                current.exists() ? "the replication password or the file's mode changed"
                : "the walreceiver reads the replication password from it"));
    }

    private Optional<EnsureDirectory> archiveDir(NodeContext node) {
        Optional<ArchiveSpec> archive = cluster.desired().archive();
        if (archive.isEmpty()) {
            return Optional.empty();
        }
        var dir = node.facts().file(archive.get().dir());
        String owner = node.host().serverUser();
        boolean ownerOk = dir.owner().equals(owner);
        boolean modeOk = modeIs(dir.mode(), 0700);
        if (dir.exists() && ownerOk && modeOk) {
            return Optional.empty();
        }
        RunAs who = node.service().start().runAs();
        return Optional.of(new EnsureDirectory(node.name() + "/archive-dir", node.name(), archive.get().dir(), owner,
                "0700", dir.exists(), who == RunAs.ROOT ? !dir.exists() || !ownerOk : dir.exists() && !ownerOk,
                dir.exists() ? "the WAL archive must be owned by " + owner + " with mode 0700"
                : "archive_command copies WAL segments into it", node.host().userFor(who), who));
    }

    /** An unknown (empty) mode is taken as right: the facts did not say otherwise. */
    private static boolean modeIs(String mode, int expected) {
        if (mode.isBlank()) {
            return true;
        }
        try {
            return (Integer.parseInt(mode.trim(), 8) & 07777) == expected;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static boolean includes(String postgresqlConf) {
        return ConfFile.parse(postgresqlConf).stream().anyMatch(e -> ConfFile.isInclude(e.name())
                && !e.name().equals("include_dir") && (e.value().equals("pgconverge.conf")
                || e.value().endsWith("/pgconverge.conf")));
    }

    private static Set<String> diff(Map<String, String> before, Map<String, String> after) {
        Set<String> names = new LinkedHashSet<>();
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                names.add(k);
            }
        });
        before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(names::add);
        return names;
    }
}
