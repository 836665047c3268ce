package io.pgconverge.cli;

import io.pgconverge.load.ClusterLoader;
import io.pgconverge.load.HostResolver;
import io.pgconverge.load.HostSelector;
import io.pgconverge.load.SecretResolver;
import io.pgconverge.model.Cluster;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The options every cluster command shares: {@code PLAYBOOK -i INVENTORY [-e KEY=VALUE]...}. */
public final class ClusterOptions {
    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The desired state of one cluster (YAML).")
    Path playbook;

    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY",
            description = "Ansible-style YAML inventory holding the playbook's group.")
    Path inventory;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "KEY=VALUE",
            description = "Override a playbook key, e.g. -e primary=node2 or -e settings.work_mem=64MB.")
    List<String> extraVars = new ArrayList<>();

    private SecretResolver secrets;

    @Mixin
    VaultMixin vault = new VaultMixin();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public Path playbook() {
        return playbook;
    }

    public Path inventory() {
        return inventory;
    }

    public List<String> extraVars() {
        return List.copyOf(extraVars);
    }

    /** The environment {@code env:} secrets come from: {@link Main}'s (the process's unless a test gave one). */
    public Map<String, String> environment() {
        Object root = command == null ? null : command.root().userObject();
        return root instanceof Main main ? main.environment() : System.getenv();
    }

    /**
     * Loads and validates the playbook against the inventory, with the extra vars applied.
     *
     * @throws io.pgconverge.model.InputException with every problem found; nothing has been contacted
     */
    public Cluster loadCluster() {
        return new ClusterLoader(HostResolver.forOperator(), secrets()).load(playbook, inventory, extraVars);
    }

    /** Selects hosts of the cluster by Ansible's patterns, groups of the inventory included. */
    public HostSelector selector(Cluster cluster) {
        return new ClusterLoader(HostResolver.forOperator(), secrets()).selector(playbook, inventory, cluster);
    }

    /** What resolves the playbook's secrets: the environment, the operator's files and the vault passwords. */
    public SecretResolver secrets() {
        if (secrets == null) {
            secrets = new SecretResolver(environment(), Path.of(System.getProperty("user.home")),
                    vault.keys(environment()));
        }
        return secrets;
    }
}
