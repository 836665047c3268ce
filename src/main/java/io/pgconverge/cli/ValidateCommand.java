package io.pgconverge.cli;

import io.pgconverge.load.ClusterLoader;
import io.pgconverge.load.HostResolver;
import io.pgconverge.model.Cluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pgconverge validate PLAYBOOK [MORE_PLAYBOOKS]... -i INVENTORY}: checks the input without
 * contacting any node. Several playbooks are also checked not to share a host.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a playbook and its inventory without contacting any node.")
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "1..*", paramLabel = "MORE_PLAYBOOKS",
            description = "Further playbooks of the same inventory; no host may be in two clusters.")
    List<Path> more = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Path> playbooks = new ArrayList<>();
        playbooks.add(cluster.playbook());
        playbooks.addAll(more);
        List<Cluster> clusters = new ClusterLoader(HostResolver.forOperator(), cluster.secrets())
                .loadAll(playbooks, cluster.inventory(), cluster.extraVars());
        for (Cluster c : clusters) {
            spec.commandLine().getOut().println(c.desired().source() + ": valid (" + c.members().size()
                    + (c.members().size() == 1 ? " host" : " hosts") + ", primary " + c.desired().primary() + ")");
        }
        return ExitCodes.OK;
    }
}
