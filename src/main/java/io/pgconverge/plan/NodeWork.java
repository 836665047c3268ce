package io.pgconverge.plan;

import io.pgconverge.plan.config.NodeConfig;
import io.pgconverge.plan.task.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The tasks of one node while a plan is assembled, by the part each plays in the ordering. */
public final class NodeWork {
    public final NodeContext node;
    public final Fate fate;
    public final NodeConfig config;
    /** The intent marker written before the node's data directory is replaced or rewound. */
    public Optional<Task> intent = Optional.empty();
    /** The intent marker removed once the node runs as a standby again. */
    public Optional<Task> intentDone = Optional.empty();
    /** Stop or Fence: the server must be down before its data directory is replaced or it turns standby. */
    public Optional<Task> stop = Optional.empty();
    /** InitDb, BaseBackup or Rewind. */
    public Optional<Task> rebuild = Optional.empty();
    /** A switchover's wait for the old primary's last WAL, before the promotion. */
    public Optional<Task> waitForReplay = Optional.empty();
    public Optional<Task> promote = Optional.empty();
    /** A checkpoint on the primary after its promotion (and before any rewind from it). */
    public Optional<Task> checkpoint = Optional.empty();
    /** Start, Restart or Reload: what makes the node's new configuration take effect. */
    public Optional<Task> activation = Optional.empty();
    /** A reload after a start, for a pg_hba.conf that may take effect only once the roles it needs exist. */
    public Optional<Task> hbaReload = Optional.empty();
    /** Files written besides the configuration's: postgresql.auto.conf after a rewind. */
    public final List<Task> writes = new ArrayList<>();
    /** Steps of a rolling restart on this node: a standby's wait for the primary's lowered settings. */
    public final List<Task> rolling = new ArrayList<>();
    /** SQL run on this node: roles and slots. */
    public final List<Task> sql = new ArrayList<>();

    public NodeWork(NodeContext node, Fate fate, NodeConfig config) {
        this.node = node;
        this.fate = fate;
        this.config = config;
    }

    public String name() {
        return node.name();
    }

    /** Tasks that must be done before the activation: file writes, ALTER SYSTEM resets, the archive directory. */
    public List<Task> beforeActivation() {
        List<Task> tasks = new ArrayList<>(config.writes());
        tasks.addAll(writes);
        config.reset().ifPresent(tasks::add);
        config.archiveDir().ifPresent(tasks::add);
        return tasks;
    }

    public List<Task> all() {
        List<Task> tasks = new ArrayList<>();
        intent.ifPresent(tasks::add);
        stop.ifPresent(tasks::add);
        rebuild.ifPresent(tasks::add);
        waitForReplay.ifPresent(tasks::add);
        promote.ifPresent(tasks::add);
        tasks.addAll(beforeActivation());
        config.hba().ifPresent(tasks::add);
        config.passfile().ifPresent(tasks::add);
        tasks.addAll(rolling);
        activation.ifPresent(tasks::add);
        hbaReload.ifPresent(tasks::add);
        tasks.addAll(sql);
        checkpoint.ifPresent(tasks::add);
        intentDone.ifPresent(tasks::add);
        return tasks;
    }
}
