package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local lab: {@code up} brings nodes node1..N and the lab sshd to running (repairing whatever is missing,
 * changing nothing when all runs), {@code down} stops exactly what the lab started, {@code status} reports.
 * Results are values; nothing here prints.
 */
public final class Lab {
    private static final Pattern NODE_DIR = Pattern.compile("node(\\d+)");
    private final Path dir;
    private final LabUser user;
    private final CommandRunner runner;
    private final LabFiles files;
    private final ProcFs procs = new ProcFs();
    private final PortProbe ports;

    private Lab(Path dir, LabUser user, CommandRunner runner) {
        this.dir = dir;
        this.user = user;
        this.runner = runner;
        this.files = new LabFiles(user);
        this.ports = new PortProbe(runner);
    }

    /** The lab in {@code dir}; nothing is created until {@link #up}. */
    public static Lab at(Path dir) {
        Path absolute = new LabLayout(dir, 1).dir();
        CommandRunner plain = CommandRunner.plain();
        LabUser user = LabUser.detect(plain);
        return new Lab(absolute, user, plain.withUser(user, Path.of("/")));
    }

    public LabUser user() {
        return user;
    }

    /** Brings node1..nodeN and the sshd up; nodes beyond N that exist are left as they are. */
    public LabReport up(int nodeCount) {
        List<LabNode> wanted = new LabLayout(dir, nodeCount).nodes();
        files.prepareLabDir(dir);
        try (FileChannel lock = lock()) {
            PgInstall pg = PgInstall.locate(runner);
            LabLayout layout = new LabLayout(dir, Math.max(nodeCount, existingNodes()));
            LabSshd sshd = sshd(layout);
            preflight(layout, wanted, sshd);
            List<LabChange> changes = new ArrayList<>(startMissing(wanted, pg));
            List<String> notes = new ArrayList<>();
            if (user.root()) {
                changes.addAll(sshd.ensureRunning(layout.nodes()));
            } else {
                notes.add(LabSshd.NOT_ROOT);
            }
            String inventory = LabInventory.render(layout, layout.nodes(), user.nodeUser(), user.root(), pg);
            if (files.writeIfChanged(layout.inventory(), inventory, "rw-r--r--")) {
                changes.add(new LabChange("lab", "wrote inventory " + layout.inventory()));
            }
            return new LabReport(changes, notes, status(layout));
        } catch (IOException e) {
            throw new EngineException("cannot lock the lab directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Initialises (where needed) and starts every wanted node that does not run. */
    private List<LabChange> startMissing(List<LabNode> wanted, PgInstall pg) {
        NodeProbe probe = new NodeProbe(procs);
        NodeServer servers = new NodeServer(pg, runner, files, probe, procs);
        List<LabChange> changes = new ArrayList<>();
        for (LabNode node : wanted) {
            if (!probe.status(node).running()) {
                changes.addAll(servers.ensureInitialized(node));
                changes.add(new LabChange(node.name(), "started on " + node.address() + ":" + node.port()
                        + " (pid " + servers.start(node) + ")"));
            }
        }
        return changes;
    }

    /** Refuses, naming them, addresses and ports held by something the lab did not start, before touching anything. */
    private void preflight(LabLayout layout, List<LabNode> wanted, LabSshd sshd) {
        if (user.root()) {
            sshd.requirePrograms();
        }
        NodeProbe probe = new NodeProbe(procs);
        List<String> conflicts = new ArrayList<>();
        for (LabNode node : wanted) {
            if (!probe.status(node).running() && ports.inUse(node.address(), node.port())) {
                conflicts.add(node.address() + ":" + node.port() + " (" + node.name() + ") is already in use by "
                        + ports.holder(node.address(), node.port()));
            }
        }
        conflicts.addAll(sshd.conflicts(layout.nodes()));
        if (!conflicts.isEmpty()) {
            String them = conflicts.size() == 1 ? "it" : "them";
            throw new EngineException(String.join("; ", conflicts) + "; the lab did not start " + them
                    + " and leaves " + them + " alone: stop " + them + " first");
        }
        if (user.switches() && !runner.runAsNodeUser(List.of("test", "-x", dir.toString()),
                Duration.ofSeconds(10)).ok()) {
            throw new EngineException("the OS user " + user.nodeUser() + " cannot enter " + dir + " (a parent"
                    + " directory is closed to it); choose a lab directory under /tmp with --dir");
        }
    }

    /** Stops every running node of the lab (pg_ctl stop -m fast) and the lab sshd; leaves the data in place. */
    public LabReport down() {
        LabLayout layout = new LabLayout(dir, Math.max(1, existingNodes()));
        if (!Files.isDirectory(dir)) {
            return new LabReport(List.of(), List.of("there is no lab in " + dir), status());
        }
        try (FileChannel lock = lock()) {
            List<LabChange> changes = new ArrayList<>();
            List<LabNode> nodes = existingNodes() == 0 ? List.of() : layout.nodes();
            NodeProbe probe = new NodeProbe(procs);
            NodeServer servers = null;
            for (LabNode node : nodes) {
                NodeStatus s = probe.status(node);
                if (s.running()) {
                    if (servers == null) {
                        servers = new NodeServer(PgInstall.locate(runner), runner, files, probe, procs);
                    }
                    servers.stop(node);
                    changes.add(new LabChange(node.name(), "stopped (pid " + s.pid().getAsLong() + ")"));
                }
            }
            sshd(layout).stop().ifPresent(changes::add);
            return new LabReport(changes, List.of(), status());
        } catch (IOException e) {
            throw new EngineException("cannot lock the lab directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every node found in the lab directory, and the sshd. */
    public LabStatus status() {
        return status(new LabLayout(dir, Math.max(1, existingNodes())));
    }

    private LabStatus status(LabLayout layout) {
        NodeProbe probe = new NodeProbe(procs);
        List<NodeStatus> nodes = existingNodes() == 0 ? List.of()
                : layout.nodes().stream().map(probe::status).toList();
        return new LabStatus(dir, user.nodeUser(), nodes, sshd(layout).status(), layout.inventory());
    }

    private LabSshd sshd(LabLayout layout) {
        return new LabSshd(layout, user, runner, files, procs, ports);
    }

    /** The highest N of the nodeN directories in the lab directory, 0 when there are none. */
    private int existingNodes() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> NODE_DIR.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .filter(i -> i >= 1 && i <= LabLayout.MAX_NODES)
                    .max().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** One lab command at a time per lab directory: the returned channel holds the lock until closed. */
    private FileChannel lock() throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve("lab.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        if (channel.tryLock() == null) {
            channel.close();
            throw new EngineException("another pgconverge lab command is running on " + dir + "; try again when it"
                    + " has finished");
        }
        return channel;
    }
}
