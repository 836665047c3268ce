package io.pgconverge.load;

import io.pgconverge.model.DesiredState;
import io.pgconverge.model.Host;
import io.pgconverge.model.InputException;
import io.pgconverge.model.ReplicationSpec;
import io.pgconverge.model.RoleSpec;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Roles, the replication user and its slots, and whether every password reference can be read. */
final class RoleValidator {
    private static final int MAX_NAME_BYTES = 63;

    private final SecretResolver secrets;

    RoleValidator(SecretResolver secrets) {
        this.secrets = secrets;
    }

    void check(DesiredState desired, List<Host> members, Diagnostics problems) {
        List<RoleSpec> roles = desired.roles();
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < roles.size(); i++) {
            RoleSpec role = roles.get(i);
            String path = "roles[" + i + "]";
            if (!role.name().isEmpty()) {
                Integer earlier = first.putIfAbsent(role.name(), i);
                if (earlier != null) {
                    problems.add(desired.markOf(path + ".name"), "role '" + role.name() + "' is defined twice (first as"
                            + " roles[" + earlier + "])");
                }
                if (role.name().getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                    problems.add(desired.markOf(path + ".name"), "role name is longer than PostgreSQL's limit of "
                            + MAX_NAME_BYTES + " bytes");
                }
            }
            role.connectionLimit().filter(l -> l < -1).ifPresent(l -> problems.add(
                    desired.markOf(path + ".connection_limit"), path + ".connection_limit must be -1 (no limit) or"
                            + " more, found " + l));
            role.password().ifPresent(ref -> {
                try {
                    secrets.resolve(ref, desired.markOf(path + ".password"));
                } catch (InputException e) {
                    problems.addAll(e.diagnostics());
                }
            });
        }
        desired.replication().ifPresent(r -> checkReplication(desired, r, members, problems));
    }

    private static void checkReplication(DesiredState desired, ReplicationSpec replication, List<Host> members,
                                         Diagnostics problems) {
        List<RoleSpec> roles = desired.roles();
        int index = -1;
        for (int i = 0; i < roles.size() && index < 0; i++) {
            index = roles.get(i).name().equals(replication.user()) ? i : -1;
        }
        if (index < 0) {
            List<String> names = roles.stream().map(RoleSpec::name).filter(n -> !n.isEmpty()).toList();
            String hint = NameSuggester.hint(replication.user(), names);
            problems.add(desired.markOf("replication.user"), "replication user '" + replication.user()
                    + "' is not among roles" + (hint.isEmpty() ? "; add { name: " + replication.user()
                    + ", login: true, replication: true, password: { env: NAME } } to roles" : hint));
        } else {
            RoleSpec role = roles.get(index);
            if (!role.replication().orElse(false)) {
                problems.add(desired.markOf("roles[" + index + "]"), "role '" + role.name() + "' is the replication"
                        + " user and needs replication: true");
            }
            if (!role.login().orElse(true)) {
                problems.add(desired.markOf("roles[" + index + "].login"), "role '" + role.name() + "' is the"
                        + " replication user and needs login: true");
            }
        }
        List<String> names = members.stream().map(Host::name).toList();
        Map<String, String> slotOwners = new HashMap<>();
        new java.util.TreeMap<>(replication.slotNames()).forEach((host, slot) -> {
            String path = "replication.slot_names." + host;
            if (!names.isEmpty() && !names.contains(host)) {
                problems.add(desired.markOf(path), "replication.slot_names names '" + host + "', which is not a host"
                        + " of group '" + desired.group() + "'" + NameSuggester.hint(host, names));
            }
            String other = slotOwners.putIfAbsent(slot, host);
            if (other != null) {
                problems.add(desired.markOf(path), "slot name '" + slot + "' is given to both " + other + " and "
                        + host);
            }
        });
    }
}
