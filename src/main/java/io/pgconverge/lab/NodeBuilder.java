package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Brings one node to running (root filesystem mounted, network plugged, set up, sshd and PostgreSQL up), repairing
 * what is missing and changing nothing when all is there; and takes it apart again, ending only its own processes.
 */
final class NodeBuilder {
    private final CommandRunner runner;
    private final LabNetwork network;
    private final NodeServices services;
    private final NodeSetup setup;
    private final Mounts mounts;
    private final ProcFs procs;

    NodeBuilder(CommandRunner runner, LabNetwork network, NodeServices services, NodeSetup setup, ProcFs procs) {
        this.runner = runner;
        this.network = network;
        this.services = services;
        this.setup = setup;
        this.mounts = new Mounts(runner);
        this.procs = procs;
    }

    List<LabChange> ensure(LabNode node, Path base) {
        List<LabChange> changes = new ArrayList<>();
        if (!Mounts.complete(node.root()) || !network.complete(node)) {
            if (hasResidue(node)) {
                teardown(node);
                changes.add(new LabChange(node.name(), "took apart what was half built"));
            }
            build(node, base);
            changes.add(new LabChange(node.name(), "mounted its root filesystem and plugged it in at "
                    + node.address() + " (namespace " + node.namespace() + ")"));
        }
        if (!NodeSetup.done(node)) {
            setup.run(node);
            changes.add(new LabChange(node.name(), "set up as host " + node.name() + " with admin "
                    + BaseCache.ADMIN + (LabLayout.sudoNeedsPassword(node) ? " (sudo asks for the password)" : "")));
        }
        if (!Files.isDirectory(node.onHost(Path.of("/run/sshd")))
                || !Files.isDirectory(node.onHost(Path.of("/run/postgresql")))) {
            setup.prepareRun(node);
        }
        if (services.sshdPid(node).isEmpty()) {
            changes.add(new LabChange(node.name(), "started sshd (pid " + services.startSshd(node) + ")"));
        }
        if (services.postmasterPid(node).isEmpty()) {
            changes.add(new LabChange(node.name(), "started PostgreSQL " + node.pgVersion() + " (pid "
                    + services.startPostgres(node) + ")"));
        }
        return changes;
    }

    private boolean hasResidue(LabNode node) {
        return Mounts.anyBelow(node.dir()) || network.namespaceExists(node) || !procs.withRoot(node.root()).isEmpty();
    }

    private void build(LabNode node, Path base) {
        LabFiles.directory(node.dir(), "rwxr-xr-x");
        LabFiles.directory(node.upperDir(), "rwxr-xr-x");
        LabFiles.directory(node.workDir(), "rwx------");
        LabFiles.directory(node.root(), "rwxr-xr-x");
        runner.require(NodeCommands.overlayMount(node, base), node.name() + ": overlay mount");
        mounts.mountInner(node.root());
        network.build(node);
    }

    /** Stops PostgreSQL cleanly, ends every other process of the node, unmounts, removes its namespace. */
    List<LabChange> teardown(LabNode node) {
        List<LabChange> changes = new ArrayList<>();
        OptionalLong pg = services.postmasterPid(node);
        if (pg.isPresent() && network.namespaceExists(node)) {
            services.stopPostgres(node);
            changes.add(new LabChange(node.name(), "stopped PostgreSQL (pid " + pg.getAsLong() + ")"));
        }
        int ended = services.endAll(node);
        if (ended > 0) {
            changes.add(new LabChange(node.name(), "ended its " + ended + " remaining process(es)"));
        }
        if (Mounts.anyBelow(node.dir())) {
            mounts.unmountAll(node.dir());
            changes.add(new LabChange(node.name(), "unmounted its root filesystem"));
        }
        if (network.namespaceExists(node)) {
            network.remove(node);
            changes.add(new LabChange(node.name(), "removed namespace " + node.namespace()));
        }
        return changes;
    }

    /** Removes the node's directory (its data); refuses while anything is mounted below it. */
    List<LabChange> purge(LabNode node) {
        if (!Files.exists(node.dir())) {
            return List.of();
        }
        if (Mounts.anyBelow(node.dir())) {
            throw new EngineException(node.name() + ": something is still mounted below " + node.dir()
                    + "; it is not removed");
        }
        runner.require(List.of("rm", "-rf", "--one-file-system", node.dir().toString()), "remove " + node.dir());
        return List.of(new LabChange(node.name(), "removed " + node.dir()));
    }

    /** The Debian version of the node's PostgreSQL package, from dpkg's status file inside the node. */
    static String packageVersion(LabNode node) {
        try {
            List<String> lines = Files.readAllLines(node.onHost(Path.of("/var/lib/dpkg/status")));
            String wanted = "Package: postgresql-" + node.pgVersion();
            for (int i = lines.indexOf(wanted); i >= 0 && i < lines.size() && !lines.get(i).isEmpty(); i++) {
                if (lines.get(i).startsWith("Version: ")) {
                    return lines.get(i).substring("Version: ".length());
                }
            }
        } catch (IOException e) {
            // not mounted: no version to show
        }
        return "-";
    }
}
