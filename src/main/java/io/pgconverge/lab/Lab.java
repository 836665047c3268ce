package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A lab of real Debian systems: {@code up} brings nodes node1..N to running (each its own root filesystem over a
 * shared base, network namespace, sshd and PostgreSQL cluster), repairing whatever is missing and changing nothing
 * when all runs; {@code down} takes apart exactly what the lab made; {@code status} reports. Needs root. Results are
 * values; nothing here prints.
 */
public final class Lab {
    private final Path dir;
    private final CommandRunner runner = new CommandRunner();
    private final ProcFs procs = new ProcFs();
    private final NodeServices services = new NodeServices(runner, procs);

    private Lab(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The lab in {@code dir}; nothing is created until {@link #up}. */
    public static Lab at(Path dir) {
        return new Lab(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The settings the lab was built with, if it was. */
    public Optional<LabSettings> settings() {
        Path file = dir.resolve("lab.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(LabSettings.fromProperties(p));
    }

    /** The layout of the lab as built; refuses a lab that was never brought up. */
    public LabLayout layout() {
        return new LabLayout(dir, settings().orElseThrow(() -> new EngineException("there is no lab in " + dir
                + "; start one with: pgconverge lab up")));
    }

    /** Brings up {@code nodes} nodes with the settings the lab already has (the defaults for a new lab). */
    public LabReport up(int nodes) {
        return up(settings().orElse(LabSettings.defaults()).withNodes(nodes));
    }

    public LabReport up(LabSettings wanted) {
        new LabLayout(dir, wanted);
        requireRoot();
        LabFiles.prepareLabDir(dir);
        try (LabLock lock = lock()) {
            LabSettings settings = reconcile(wanted);
            LabLayout layout = new LabLayout(dir, settings);
            LabFiles.writeIfChanged(layout.settingsFile(), propertiesText(settings), "rw-r--r--");
            List<LabChange> changes = new ArrayList<>();
            Map<DebianRelease, Path> bases = new EnumMap<>(DebianRelease.class);
            for (DebianRelease release : settings.releases()) {
                BaseCache.Base base = new BaseCache(runner).ensure(BaseSpec.of(release));
                if (base.built()) {
                    changes.add(new LabChange("lab", "built the Debian base " + base.dir()));
                }
                bases.put(release, base.dir());
            }
            LabKeys keys = new LabKeys(layout, runner);
            changes.addAll(keys.ensure());
            LabNetwork network = new LabNetwork(layout, runner);
            if (network.ensureBridge()) {
                changes.add(new LabChange("lab", "created bridge " + layout.bridge() + " at "
                        + layout.bridgeAddress()));
            }
            NodeBuilder builder = builder(layout, network, keys);
            for (LabNode node : layout.nodes().subList(0, wanted.nodes())) {
                changes.addAll(builder.ensure(node, bases.get(settings.releaseOf(node.name()))));
            }
            if (keys.writeKnownHosts(layout.nodes())) {
                changes.add(new LabChange("lab", "wrote " + layout.knownHosts()));
            }
            if (LabFiles.writeIfChanged(layout.inventory(), LabInventory.render(layout), "rw-r--r--")) {
                changes.add(new LabChange("lab", "wrote inventory " + layout.inventory()));
            }
            return new LabReport(changes, List.of(), status(layout));
        }
    }

    /** Stops and takes apart every node and the bridge; keeps the nodes' data unless {@code purge}. */
    public LabReport down(boolean purge) {
        requireRoot();
        Optional<LabSettings> settings = settings();
        if (settings.isEmpty()) {
            return new LabReport(List.of(), List.of("there is no lab in " + dir), status());
        }
        try (LabLock lock = lock()) {
            LabLayout layout = new LabLayout(dir, settings.get());
            LabNetwork network = new LabNetwork(layout, runner);
            NodeBuilder builder = builder(layout, network, new LabKeys(layout, runner));
            List<LabChange> changes = new ArrayList<>();
            for (LabNode node : layout.nodes()) {
                changes.addAll(builder.teardown(node));
                if (purge) {
                    changes.addAll(builder.purge(node));
                }
            }
            if (network.removeBridge()) {
                changes.add(new LabChange("lab", "removed bridge " + layout.bridge() + " and its route"));
            }
            if (purge) {
                deleteQuietly(layout.settingsFile());
            }
            return new LabReport(changes, List.of(), status());
        }
    }

    public LabReport down() {
        return down(false);
    }

    /** Every node of the lab, as it is now. */
    public LabStatus status() {
        Optional<LabSettings> settings = settings();
        if (settings.isEmpty()) {
            return new LabStatus(dir, Optional.empty(), List.of(), dir.resolve("inventory.yml"));
        }
        return status(new LabLayout(dir, settings.get()));
    }

    private LabStatus status(LabLayout layout) {
        LabNetwork network = new LabNetwork(layout, runner);
        List<NodeStatus> nodes = layout.nodes().stream().map(n -> {
            boolean mounted = Mounts.complete(n.root());
            return new NodeStatus(n, mounted, network.complete(n), services.sshdPid(n), services.postmasterPid(n),
                    mounted ? NodeBuilder.packageVersion(n) : "-");
        }).toList();
        return new LabStatus(dir, Optional.of(layout.settings()), nodes, layout.inventory());
    }

    /** Pulls out ({@code up} false) or plugs back in a node's network cable: a partition, as a test makes one. */
    public void cable(LabNode node, boolean up) {
        requireRoot();
        new LabNetwork(layout(), runner).cable(node, up);
    }

    /** The postmaster's pid on the lab machine, when PostgreSQL runs in the node. */
    public java.util.OptionalLong postmasterPid(LabNode node) {
        return services.postmasterPid(node);
    }

    private NodeBuilder builder(LabLayout layout, LabNetwork network, LabKeys keys) {
        return new NodeBuilder(runner, network, services, new NodeSetup(runner, keys), procs);
    }

    /** The wanted settings, refused when they change what an existing lab is built of. */
    private LabSettings reconcile(LabSettings wanted) {
        Optional<LabSettings> recorded = settings();
        if (recorded.isEmpty()) {
            return wanted;
        }
        LabSettings had = recorded.get();
        if (had.pgVersion() != wanted.pgVersion() || had.subnet() != wanted.subnet()
                || !had.nodeVersions().equals(wanted.nodeVersions())) {
            throw new EngineException("the lab in " + dir + " is PostgreSQL " + had.pgVersion()
                    + (had.nodeVersions().isEmpty() ? "" : " (" + nodeVersionsText(had) + ")") + " on 127.1."
                    + had.subnet() + ".0/24; to change it, remove it first with: pgconverge lab down --purge");
        }
        return wanted.withNodes(Math.max(had.nodes(), wanted.nodes()));
    }

    private static String nodeVersionsText(LabSettings settings) {
        StringBuilder s = new StringBuilder();
        settings.nodeVersions().forEach((node, version) -> s.append(s.length() == 0 ? "" : ", ").append(node)
                .append(' ').append(version));
        return s.toString();
    }

    private static String propertiesText(LabSettings settings) {
        StringWriter w = new StringWriter();
        settings.toProperties().forEach((k, v) -> w.write(k + "=" + v + "\n"));
        return w.toString().lines().sorted().reduce("", (a, b) -> a + b + "\n");
    }

    private static void requireRoot() {
        try {
            if ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") != 0) {
                throw new EngineException("the lab needs root (it mounts file systems and creates network"
                        + " namespaces); run it as root or with sudo");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new EngineException("cannot tell whether this runs as root: " + e.getMessage(), e);
        }
    }

    /** One lab command at a time per lab directory: the lock is held until closed. */
    private LabLock lock() {
        try {
            FileChannel channel = FileChannel.open(dir.resolve("lab.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                channel.close();
                throw new EngineException("another pgconverge lab command is running on " + dir
                        + "; try again when it has finished");
            }
            return new LabLock(channel);
        } catch (IOException e) {
            throw new EngineException("cannot lock the lab directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private record LabLock(FileChannel channel) implements AutoCloseable {
        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing releases the lock; the process ending would too
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a settings file left behind is read again by the next lab up
        }
    }
}
