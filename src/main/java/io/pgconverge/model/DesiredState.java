package io.pgconverge.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desired state of one cluster, as a loaded playbook with extra vars applied.
 *
 * @param settings postgresql.conf parameters, values normalised to PostgreSQL's text form
 *                 (booleans as on/off), in playbook order
 * @param pgVersion major version in {@link PgMajorVersion}'s encoding (906 for 9.6, 15 for 15)
 * @param marks    where each playbook key came from, by dotted path ("primary", "settings.wal_level",
 *                 "hba[2]", "roles[0].password"); lets later stages point at the file. A path marks its
 *                 value, except "settings.NAME", which marks the setting's name; a value given as
 *                 {@code -e KEY=VALUE} is marked "-e KEY"
 * @param ident    pg_ident.conf's lines, in order; empty when the playbook has no {@code ident} list, and then
 *                 the engine leaves pg_ident.conf alone
 * @param topology synchronous standbys, upstreams, apply delays and the restart method
 */
public record DesiredState(String source, String group, String primary, int pgVersion,
                           Map<String, String> settings, Optional<ArchiveSpec> archive, List<HbaRule> hba,
                           List<RoleSpec> roles, Optional<ReplicationSpec> replication, Map<String, Mark> marks,
                           List<IdentMap> ident, TopologySpec topology) {
    public DesiredState {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        hba = List.copyOf(hba);
        ident = List.copyOf(ident);
        roles = List.copyOf(roles);
        marks = Map.copyOf(marks);
    }

    /** Without pg_ident.conf maps (the playbook leaves pg_ident.conf alone) and without a declared topology. */
    public DesiredState(String source, String group, String primary, int pgVersion, Map<String, String> settings,
                        Optional<ArchiveSpec> archive, List<HbaRule> hba, List<RoleSpec> roles,
                        Optional<ReplicationSpec> replication, Map<String, Mark> marks) {
        this(source, group, primary, pgVersion, settings, archive, hba, roles, replication, marks, List.of());
    }

    /** Without a declared topology (none). */
    public DesiredState(String source, String group, String primary, int pgVersion, Map<String, String> settings,
                        Optional<ArchiveSpec> archive, List<HbaRule> hba, List<RoleSpec> roles,
                        Optional<ReplicationSpec> replication, Map<String, Mark> marks, List<IdentMap> ident) {
        this(source, group, primary, pgVersion, settings, archive, hba, roles, replication, marks, ident,
                TopologySpec.none());
    }

    /** Without pg_ident.conf maps (the playbook leaves pg_ident.conf alone). */
    public DesiredState(String source, String group, String primary, int pgVersion, Map<String, String> settings,
                        Optional<ArchiveSpec> archive, List<HbaRule> hba, List<RoleSpec> roles,
                        Optional<ReplicationSpec> replication, Map<String, Mark> marks, TopologySpec topology) {
        this(source, group, primary, pgVersion, settings, archive, hba, roles, replication, marks, List.of(),
                topology);
    }

    public Mark markOf(String path) {
        return marks.getOrDefault(path, Mark.of(source));
    }
}
