package io.pgconverge.plan.topology;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.model.RoleSpec;
import io.pgconverge.model.Secret;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeWork;
import io.pgconverge.plan.config.AlterSystemDrift;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.config.ResolvedSecrets;
import io.pgconverge.plan.task.Checkpoint;
import io.pgconverge.plan.task.Fence;
import io.pgconverge.plan.task.Promote;
import io.pgconverge.plan.task.Rewind;
import io.pgconverge.plan.task.Stop;
import io.pgconverge.plan.task.WaitForReplay;
import io.pgconverge.plan.task.WriteFile;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tasks of a change of primary: on the desired primary the wait for the old primary's last WAL (switchover),
 * the promotion and a checkpoint; on a demoted or rejoining node the fence and, for a rejoin, the rewind and
 * the postgresql.auto.conf the rewind brings along, cleaned of settings the engine manages.
 */
public final class TakeoverTasks {
    public static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(60);

    private final Cluster cluster;
    private final Topology topology;
    private final ResolvedSecrets secrets;
    private final DesiredFiles files;

    public TakeoverTasks(Cluster cluster, Topology topology, ResolvedSecrets secrets, DesiredFiles files) {
        this.cluster = cluster;
        this.topology = topology;
        this.secrets = secrets;
        this.files = files;
    }

    public void add(Map<String, NodeWork> work) {
        NodeWork primary = work.get(cluster.desired().primary());
        if (primary == null) {
            return;
        }
        topology.takeover().ifPresent(t -> promotion(primary, t));
        for (NodeWork w : work.values()) {
            if (w != primary) {
                fence(w, primary);
            }
            if (w.fate == Fate.REJOIN) {
                rewind(w, primary);
            }
        }
        if (primary.checkpoint.isEmpty() && work.values().stream().anyMatch(w -> w.fate == Fate.REJOIN)) {
            primary.checkpoint = Optional.of(new Checkpoint(primary.name() + "/checkpoint", primary.name(),
                    "pg_rewind reads " + primary.name() + "'s timeline from its latest checkpoint"));
        }
    }

    private void promotion(NodeWork p, Takeover takeover) {
        String name = p.name();
        if (takeover.switchover()) {
            String old = takeover.oldPrimary().orElseThrow();
            p.waitForReplay = Optional.of(new WaitForReplay(name + "/wait-for-replay", name, old, REPLAY_TIMEOUT,
                    "nothing committed on " + old + " may be lost: " + name + " is promoted only once it has "
                    + "replayed " + old + "'s shutdown checkpoint; if it does not within the time, nothing after "
                    + "this runs and " + old + " stays the primary (plan again with it as the primary to restart it)"));
        }
        p.promote = Optional.of(Promote.of(name + "/promote", name, p.node.version(), p.node.service(),
                topology.reason(name)));
        p.checkpoint = Optional.of(new Checkpoint(name + "/checkpoint", name, "the new timeline must be in "
                + name + "'s latest checkpoint before any standby is rewound from it"));
    }

    /** A node that leaves or gives up the primary role is stopped before anything else happens to it. */
    private static void fence(NodeWork w, NodeWork primary) {
        if (w.fate == Fate.REJOIN && w.node.running() && w.node.inRecovery()) {
            w.stop = Optional.of(new Stop(w.name() + "/stop", w.name(), w.node.service().stop(),
                    "pg_rewind needs the server stopped"));
            return;
        }
        boolean formerPrimary = w.node.running() && w.node.outOfRecovery() && w.node.sameSystemAs(primary.node);
        if (!formerPrimary || !(w.fate == Fate.DEMOTE || w.fate == Fate.REJOIN || w.fate == Fate.REBUILD)) {
            return;
        }
        String reason = w.fate == Fate.DEMOTE ? "a clean (fast) shutdown writes the shutdown checkpoint and sends it to "
                + "the standbys; " + w.name() + " takes no writes from here on"
                : "two primaries: " + w.name() + " must take no writes while " + primary.name() + " is the primary";
        w.stop = Optional.of(new Fence(w.name() + "/fence", w.name(), w.node.service().stop(), reason));
    }

    private void rewind(NodeWork w, NodeWork primary) {
        Host source = primary.node.host();
        String superuser = source.serverUser();
        Secret password = cluster.desired().roles().stream().filter(r -> r.name().equals(superuser)).findFirst()
                .flatMap(RoleSpec::password).map(secrets::get).orElse(new Secret(""));
        var pg = w.node.host().pg();
        w.rebuild = Optional.of(new Rewind(w.name() + "/rewind", w.name(), primary.name(), source.address(),
                source.pg().port(), superuser, pg.dataDir(), pg.binDir(), w.node.paths().postgresqlConf(),
                pg.configDir() + "/pgconverge-rewind.pgpass", password, topology.reason(w.name()),
                w.node.host().serverUser()));
        autoConfAfterRewind(w, primary).ifPresent(w.writes::add);
    }

    /** pg_rewind copies the source's postgresql.auto.conf: without the settings the engine manages on the node. */
    private Optional<WriteFile> autoConfAfterRewind(NodeWork w, NodeWork primary) {
        Optional<String> copied = primary.node.content(primary.node.paths().autoConf());
        Set<String> managed = files.of(w.node.host()).settings().keySet();
        if (copied.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> cleaned = AlterSystemDrift.without(copied.get(), managed);
        return cleaned.map(text -> new WriteFile(w.name() + "/auto.conf", w.name(), w.node.paths().autoConf(),
                Optional.empty(), text, "0600", false, "pg_rewind copies " + primary.name() + "'s postgresql.auto.conf, "
                + "whose settings would override the standby's own"));
    }
}
