package io.pgconverge.load;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.Diagnostic;
import io.pgconverge.model.Group;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgMajorVersion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything that can be checked before a node is contacted, beyond what loading checks: the cluster
 * against its inventory, setting names per PostgreSQL version, hba rules and the engine's own access,
 * roles, replication, secrets. Collects every problem; never stops at the first.
 */
public final class Validator {
    private final SecretResolver secrets;

    public Validator(SecretResolver secrets) {
        this.secrets = secrets;
    }

    /**
     * @param loaded the playbook as read
     * @param inventory the inventory file, or empty when it could not be read (its problems are reported)
     * @param members the hosts of the desired state's group, typed (empty when unknown)
     */
    void validate(PlaybookLoader.Loaded loaded, Optional<InventoryFile> inventory, List<Host> members,
                  Diagnostics problems) {
        DesiredState desired = loaded.desired();
        int version = desired.pgVersion();
        if (version != 0 && !PgMajorVersion.isSupported(version)) {
            problems.add(desired.markOf("postgres.version"), "PostgreSQL " + PgMajorVersion.text(version)
                    + " is not supported; pgconverge supports " + PgMajorVersion.text(PgMajorVersion.OLDEST) + " to "
                    + PgMajorVersion.text(PgMajorVersion.NEWEST));
        }
        inventory.ifPresent(file -> checkCluster(desired, file, members, problems));
        TopologyValidator.check(desired, members.stream().map(Host::name).toList(), problems);
        if (version != 0 && PgMajorVersion.isSupported(version)) {
            checkSettings(desired, problems);
        }
        if (HbaValidator.check(desired, problems) && loaded.hbaComplete()) {
            EngineAccessCheck.check(desired, members, problems);
        }
        new RoleValidator(secrets).check(desired, members, problems);
    }

    /** The group's hosts, or why there are none. */
    static Optional<Group> group(DesiredState desired, InventoryFile file, Diagnostics problems) {
        if (desired.group().isEmpty()) {
            return Optional.empty();
        }
        Optional<Group> group = file.group(desired.group());
        if (group.isEmpty()) {
            List<String> names = new ArrayList<>(file.groups().keySet());
            String hint = NameSuggester.hint(desired.group(), names);
            problems.add(desired.markOf("hosts"), "group '" + desired.group() + "' is not in inventory "
                    + file.source() + (hint.isEmpty() ? "; its groups are " + String.join(", ", names) : hint));
        } else if (group.get().hosts().isEmpty()) {
            problems.add(desired.markOf("hosts"), "group '" + desired.group() + "' of inventory " + file.source()
                    + " has no hosts");
        }
        return group;
    }

    private void checkCluster(DesiredState desired, InventoryFile file, List<Host> members, Diagnostics problems) {
        List<String> names = members.stream().map(Host::name).toList();
        if (!desired.primary().isEmpty() && !names.isEmpty() && !names.contains(desired.primary())) {
            String hint = NameSuggester.hint(desired.primary(), names);
            problems.add(desired.markOf("primary"), "primary '" + desired.primary() + "' is not a host of group '"
                    + desired.group() + "' (" + String.join(", ", names) + ")" + hint);
        }
        checkVersionAgreement(desired, file, members, problems);
        Map<String, String> servers = new LinkedHashMap<>();
        for (Host host : members) {
            String server = host.address() + " port " + host.pg().port();
            String other = servers.putIfAbsent(server, host.name());
            if (other != null) {
                problems.add(desired.markOf("hosts"), "hosts " + other + " and " + host.name() + " of group '"
                        + desired.group() + "' are the same server (" + server + ")");
            }
        }
    }

    private static void checkVersionAgreement(DesiredState desired, InventoryFile file, List<Host> members,
                                              Diagnostics problems) {
        if (desired.pgVersion() == 0) {
            return;
        }
        Map<io.pgconverge.model.Mark, List<String>> disagreeing = new LinkedHashMap<>();
        Map<io.pgconverge.model.Mark, String> written = new LinkedHashMap<>();
        for (Host host : members) {
            file.var(host.name(), "pg_version").ifPresent(var -> {
                OptionalInt v = var.text().map(PgMajorVersion::parse).orElse(OptionalInt.empty());
                if (v.isPresent() && v.getAsInt() != desired.pgVersion()) {
                    disagreeing.computeIfAbsent(var.mark(), m -> new ArrayList<>()).add(host.name());
                    written.put(var.mark(), PgMajorVersion.text(v.getAsInt()));
                }
            });
        }
        disagreeing.forEach((mark, hosts) -> problems.add(desired.markOf("postgres.version"), "postgres.version "
                + PgMajorVersion.text(desired.pgVersion()) + " disagrees with pg_version " + written.get(mark) + " of "
                + String.join(", ", hosts) + " in " + mark));
    }

    private static void checkSettings(DesiredState desired, Diagnostics problems) {
        PgSettingsCatalog catalog = PgSettingsCatalog.standard();
        for (Map.Entry<String, String> setting : desired.settings().entrySet()) {
            io.pgconverge.model.Mark mark = desired.markOf("settings." + setting.getKey());
            Optional<String> problem = catalog.problem(setting.getKey(), desired.pgVersion());
            problem.ifPresent(p -> problems.add(mark, p));
            if (problem.isEmpty() && setting.getKey().equals("wal_level")) {
                WalLevels.problem(setting.getValue(), desired.pgVersion()).ifPresent(p -> problems.add(mark, p));
            }
        }
    }

    /** A host may belong to one cluster only: checks a set of desired states loaded from one inventory. */
    public static List<Diagnostic> checkDisjoint(List<Cluster> clusters) {
        List<Diagnostic> problems = new ArrayList<>();
        for (int j = 1; j < clusters.size(); j++) {
            for (int i = 0; i < j; i++) {
                Cluster earlier = clusters.get(i);
                Cluster later = clusters.get(j);
                List<String> shared = later.members().stream()
                        .filter(h -> earlier.members().stream().anyMatch(e -> sameServer(e, h)))
                        .map(Host::name).toList();
                if (!shared.isEmpty()) {
                    problems.add(new Diagnostic(later.desired().markOf("hosts"), (shared.size() == 1 ? "host " : "hosts ")
                            + String.join(", ", shared) + (shared.size() == 1 ? " is" : " are")
                            + " also in the cluster of " + earlier.desired().source() + " (group '"
                            + earlier.desired().group() + "'); a host belongs to one cluster only"));
                }
            }
        }
        return problems;
    }

    private static boolean sameServer(Host a, Host b) {
        return a.name().equals(b.name())
                || a.address().equals(b.address()) && a.pg().port() == b.pg().port()
                && Objects.equals(a.connection(), b.connection());
    }
}
