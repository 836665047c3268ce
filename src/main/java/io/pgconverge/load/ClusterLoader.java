package io.pgconverge.load;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.Group;
import io.pgconverge.model.Host;
import io.pgconverge.model.InputException;
import io.pgconverge.model.Inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads playbooks and an inventory into validated clusters: reads the files, applies {@code -e} extra vars,
 * types the hosts of each playbook's group and runs every check. Opens no connection.
 */
public final class ClusterLoader {
    private static final String PLAYBOOK_CONTENTS = "playbook keys (" + String.join(", ", PlaybookLoader.KEYS) + ")";

    private final HostResolver hosts;
    private final Validator validator;
    private final VaultKeys vault;

    public ClusterLoader(HostResolver hosts, SecretResolver secrets) {
        this.hosts = hosts;
        this.validator = new Validator(secrets);
        this.vault = secrets.vault();
    }

    /** For the operator running the command: their user name, home directory and environment. */
    public static ClusterLoader forOperator() {
        return new ClusterLoader(HostResolver.forOperator(), SecretResolver.forOperator());
    }

    /** @throws InputException with every problem found in the playbook, the inventory and the extra vars */
    public Cluster load(Path playbook, Path inventory, List<String> extraVars) {
        return loadAll(List.of(playbook), inventory, extraVars).get(0);
    }

    /**
     * Several playbooks against one inventory, each also checked not to share a host with another.
     *
     * @throws InputException with every problem found
     */
    public List<Cluster> loadAll(List<Path> playbooks, Path inventory, List<String> extraVars) {
        Diagnostics problems = new Diagnostics();
        Map<Path, YamlDocument> documents = new LinkedHashMap<>();
        for (Path playbook : playbooks) {
            read(() -> YamlReader.read(playbook, PLAYBOOK_CONTENTS), problems).ifPresent(d -> documents.put(playbook, d));
        }
        VarsDirectories varsDirs = playbooks.isEmpty() ? VarsDirectories.none()
                : VarsDirectories.of(inventory, playbooks.get(0)).opening(vault);
        Optional<InventoryFile> file = read(() -> InventoryLoader.read(inventory, varsDirs), problems);
        List<ExtraVars.Assignment> assignments = ExtraVars.parse(extraVars, problems);
        List<Cluster> clusters = new ArrayList<>();
        for (YamlDocument document : documents.values()) {
            ExtraVars.apply(document, assignments, problems);
            PlaybookLoader.Loaded loaded = PlaybookLoader.load(document, problems);
            DesiredState desired = loaded.desired();
            List<Host> members = file.map(f -> members(desired, f, problems)).orElse(List.of());
            validator.validate(loaded, file, members, problems);
            clusters.add(new Cluster(desired, members));
        }
        problems.addAll(Validator.checkDisjoint(clusters));
        problems.throwIfAny();
        return clusters;
    }

    /** Selects among the cluster's hosts by Ansible's patterns, the inventory's groups included. */
    public HostSelector selector(Path playbook, Path inventory, Cluster cluster) {
        InventoryFile file = InventoryLoader.read(inventory, VarsDirectories.of(inventory, playbook).opening(vault));
        return new HostSelector(cluster.members().stream().map(Host::name).toList(), file.groups());
    }

    private List<Host> members(DesiredState desired, InventoryFile file, Diagnostics problems) {
        Optional<Group> group = Validator.group(desired, file, problems);
        if (group.isEmpty()) {
            return List.of();
        }
        Inventory inventory = file.inventory(desired.pgVersion(), new LinkedHashSet<>(group.get().hosts()), hosts,
                problems);
        return group.get().hosts().stream().map(inventory.hosts()::get).toList();
    }

    private interface Reading<T> {
        T read();
    }

    private static <T> Optional<T> read(Reading<T> reading, Diagnostics problems) {
        try {
            return Optional.of(reading.read());
        } catch (InputException e) {
            problems.addAll(e.diagnostics());
            return Optional.empty();
        }
    }
}
