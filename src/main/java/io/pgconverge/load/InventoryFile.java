package io.pgconverge.load;

import io.pgconverge.model.Group;
import io.pgconverge.model.Host;
import io.pgconverge.model.Inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A read inventory before hosts are typed: groups, and each host's variables with Ansible's precedence
 * applied and their positions kept. {@link #inventory} types every host; problems are reported only for
 * the hosts asked for (an inventory may hold hosts the engine never manages, with settings it cannot use).
 */
public final class InventoryFile {
    private final String source;
    private final Map<String, Group> groups;
    private final Map<String, Map<String, Var>> hostVars;

    InventoryFile(String source, Map<String, Group> groups, Map<String, Map<String, Var>> hostVars) {
        this.source = source;
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        this.hostVars = Collections.unmodifiableMap(new LinkedHashMap<>(hostVars));
    }

    public String source() {
        return source;
    }

    public Map<String, Group> groups() {
        return groups;
    }

    public Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    Optional<Var> var(String host, String name) {
        return Optional.ofNullable(hostVars.getOrDefault(host, Map.of()).get(name));
    }

    /**
     * @param fallbackVersion the major version for hosts without pg_version (the playbook's)
     * @param checked hosts whose variables must be usable; problems of other hosts are ignored
     */
    public Inventory inventory(int fallbackVersion, Set<String> checked, HostResolver resolver, Diagnostics problems) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Var>> entry : hostVars.entrySet()) {
            Diagnostics sink = checked.contains(entry.getKey()) ? problems : new Diagnostics();
            hosts.put(entry.getKey(), resolver.resolve(entry.getKey(), entry.getValue(), fallbackVersion, sink));
        }
        return new Inventory(source, hosts, groups);
    }

    public List<String> hostNames() {
        return List.copyOf(hostVars.keySet());
    }
}
