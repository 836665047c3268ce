package io.pgconverge.plan.config;

import io.pgconverge.model.ArchiveSpec;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.Host;
import io.pgconverge.model.NodePaths;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.model.ReplicationSpec;
import io.pgconverge.model.Secret;
import io.pgconverge.plan.slots.SlotNames;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameter values a node should have: the playbook's settings, what replication and the archive imply,
 * and a standby's recovery settings. Values are PostgreSQL's text form, unquoted.
 */
public final class DesiredSettings {
    private DesiredSettings() {
    }

    /**
     * Settings of every node: the playbook's, in its order; then, where the playbook leaves them out, those
     * replication needs on the node's version (defaults changed in 10) and those of the WAL archive.
     */
    public static Map<String, String> common(DesiredState desired, int version) {
        Map<String, String> settings = new LinkedHashMap<>();
        desired.settings().forEach((name, value) -> settings.put(name.toLowerCase(Locale.ROOT), value));
        if (PgMajorVersion.rank(version) == 905) {
            settings.computeIfPresent("wal_level", (k, v) -> v.equals("replica") ? "hot_standby" : v);
        }
        desired.replication().ifPresent(r -> implyReplication(settings, r, version));
        desired.archive().ifPresent(a -> implyArchive(settings, a));
        return settings;
    }

    private static void implyReplication(Map<String, String> settings, ReplicationSpec spec, int version) {
        if (PgMajorVersion.atLeast(version, 10)) {
            return;
        }
        settings.putIfAbsent("wal_level", PgMajorVersion.rank(version) == 905 ? "hot_standby" : "replica");
        settings.putIfAbsent("max_wal_senders", "10");
        if (spec.slots()) {
            settings.putIfAbsent("max_replication_slots", "10");
        }
        settings.putIfAbsent("hot_standby", "on");
    }

    private static void implyArchive(Map<String, String> settings, ArchiveSpec archive) {
        settings.putIfAbsent("archive_mode", "on");
        settings.putIfAbsent("archive_command", "test ! -f " + archive.dir() + "/%f && cp %p " + archive.dir() + "/%f");
    }

    /**
     * A standby's recovery settings, in the order they are written: standby_mode before 12, primary_conninfo
     * (with {@code passfile=} from 10, the password itself before), primary_slot_name with slots,
     * recovery_target_timeline, restore_command when standbys restore from the archive.
     *
     * @param upstream the node it streams from: the primary, or the standby it cascades from
     */
    public static Map<String, String> recovery(Cluster cluster, Host standby, Host upstream,
                                               Optional<Secret> replicationPassword) {
        DesiredState desired = cluster.desired();
        ReplicationSpec spec = desired.replication().orElseThrow();
        int version = standby.pg().version();
        Map<String, String> conninfo = new LinkedHashMap<>();
        conninfo.put("host", upstream.address());
        conninfo.put("port", String.valueOf(upstream.pg().port()));
        conninfo.put("user", spec.user());
        if (replicationPassword.isPresent()) {
            if (PgMajorVersion.atLeast(version, 10)) {
                conninfo.put("passfile", NodePaths.of(standby.pg()).passfile());
            } else {
                conninfo.put("password", replicationPassword.get().reveal());
            }
        }
        conninfo.put("application_name", standby.name());
        Map<String, String> recovery = new LinkedHashMap<>();
        if (!PgMajorVersion.atLeast(version, 12)) {
            recovery.put("standby_mode", "on");
        }
        recovery.put("primary_conninfo", Conninfo.of(conninfo));
        if (spec.slots()) {
            recovery.put("primary_slot_name", SlotNames.of(spec, standby));
        }
        recovery.put("recovery_target_timeline", "latest");
        desired.archive().filter(ArchiveSpec::restoreOnStandbys)
                .ifPresent(a -> recovery.put("restore_command", "cp " + a.dir() + "/%f %p"));
        return recovery;
    }
}
