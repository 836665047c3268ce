package io.pgconverge.plan;

import io.pgconverge.facts.ApplyDelay;
import io.pgconverge.facts.DataDirFacts;
import io.pgconverge.facts.Lsn;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.ServerConcerns;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.facts.SettingFact;
import io.pgconverge.facts.UpstreamFacts;
import io.pgconverge.model.Host;
import io.pgconverge.model.Intent;
import io.pgconverge.model.NodePaths;
import io.pgconverge.plan.service.ServiceCommands;

import java.util.Optional;

/** One node as the planner sees it: its inventory host, its facts, and whether it is the desired primary. */
public record NodeContext(Host host, NodeFacts facts, boolean desiredPrimary) {
    public String name() {
        return host.name();
    }

    public NodePaths paths() {
        return NodePaths.of(host.pg());
    }

    public ServiceCommands service() {
        return new ServiceCommands(host);
    }

    public int version() {
        return host.pg().version();
    }

    public boolean reachable() {
        return facts.reachable();
    }

    public boolean running() {
        return facts.running();
    }

    public Optional<ServerFacts> server() {
        return facts.server();
    }

    /** What the running server reports as worth a warning or a repair; none when it does not run. */
    public ServerConcerns concerns() {
        return facts.server().map(ServerFacts::concerns).orElse(ServerConcerns.none());
    }

    /** Initialised: PG_VERSION is there, or a server runs and answers. */
    public boolean dataInitialised() {
        return facts.server().isPresent() || facts.dataDir().map(d -> d.initialised()).orElse(false);
    }

    /** Whether anything is known about the data directory: its facts were read, or the server answers. */
    public boolean dataKnown() {
        return facts.dataDir().isPresent() || facts.server().isPresent();
    }

    public boolean dataDirExists() {
        return facts.dataDir().map(d -> d.exists()).orElse(false);
    }

    /**
     * In recovery: from the server when it runs, else from standby.signal / recovery.conf in the data directory, or
     * from an intent marker saying a base backup or rewind made it a standby's copy (the standby settings are
     * written by the tasks after it, which an interrupted apply may not have reached).
     */
    public boolean inRecovery() {
        return facts.server().map(ServerFacts::inRecovery)
                .orElse(facts.dataDir().map(d -> d.standbySignal() || d.recoveryConf()).orElse(false)
                        || intent().filter(i -> i.stage() == Intent.Stage.COPIED).isPresent());
    }

    /** What the intent marker an interrupted apply left says; an unreadable one counts as an unfinished base backup. */
    public Optional<Intent> intent() {
        return facts.leftovers().intent().map(text -> Intent.parse(text)
                .orElse(new Intent(Intent.Action.BASE_BACKUP, "an unknown source", Intent.Stage.COPYING)));
    }

    /**
     * The data directory may be half-made: a base backup decided or under way, or a rewind under way, that did not
     * finish. Such a node is rebuilt, never started.
     */
    public Optional<Intent> unfinished() {
        return intent().filter(i -> i.stage() == Intent.Stage.COPYING
                || i.stage() == Intent.Stage.PLANNED && i.action() == Intent.Action.BASE_BACKUP);
    }

    public Optional<Long> systemIdentifier() {
        return facts.server().map(ServerFacts::systemIdentifier)
                .or(() -> facts.dataDir().flatMap(d -> d.systemIdentifier()));
    }

    public Optional<String> content(String path) {
        return facts.file(path).exists() ? Optional.of(facts.file(path).content().orElse("")) : Optional.empty();
    }

    public Optional<SettingFact> setting(String name) {
        return facts.server().flatMap(s -> s.setting(name));
    }

    /** Out of recovery: a running primary, or an initialised data directory without standby files. */
    public boolean outOfRecovery() {
        return dataInitialised() && !inRecovery();
    }

    public boolean sameSystemAs(NodeContext other) {
        return systemIdentifier().isPresent() && systemIdentifier().equals(other.systemIdentifier());
    }

    /** The timeline the server runs on, else the one of the data directory's latest checkpoint; 0 when unknown. */
    public int timeline() {
        return facts.server().map(ServerFacts::timeline).filter(t -> t > 0)
                .or(() -> facts.dataDir().flatMap(DataDirFacts::timeline)).orElse(0);
    }

    /** How far its WAL goes: a primary's current position, a standby's replayed one, a stopped node's checkpoint. */
    public Optional<Lsn> walPosition() {
        Optional<ServerFacts> s = facts.server();
        if (s.isPresent()) {
            return s.get().inRecovery() ? s.get().replayedLsn() : s.get().currentLsn();
        }
        return facts.dataDir().flatMap(DataDirFacts::checkpointLsn);
    }

    public Optional<Lsn> replayed() {
        return facts.server().flatMap(ServerFacts::replayedLsn);
    }

    public Optional<Lsn> received() {
        return facts.server().flatMap(ServerFacts::receivedLsn);
    }

    public boolean cleanlyShutDown() {
        return !running() && facts.dataDir().map(DataDirFacts::cleanlyShutDown).orElse(false);
    }

    public Optional<UpstreamFacts> upstream() {
        return facts.server().flatMap(ServerFacts::upstream);
    }

    /** A standby whose WAL comes (or is configured to come) from {@code other}'s address and port. */
    public boolean follows(NodeContext other) {
        Optional<UpstreamFacts> up = upstream();
        return up.flatMap(UpstreamFacts::followedHost).filter(other.host().address()::equals).isPresent()
                && up.flatMap(UpstreamFacts::followedPort).map(p -> p == other.host().pg().port()).orElse(true);
    }

    /** A standby's recovery_min_apply_delay in effect ("10s"), when it is not 0: it applies WAL only that late. */
    public Optional<String> applyDelay() {
        return facts.server().flatMap(ApplyDelay::of);
    }

    public boolean streaming() {
        return upstream().map(UpstreamFacts::streaming).orElse(false);
    }

    /** pg_rewind can work on it: wal_log_hints is on or data checksums are; empty when neither is known. */
    public Optional<Boolean> rewindable() {
        Optional<Boolean> hints = setting("wal_log_hints").map(f -> f.setting().equals("on"))
                .or(() -> facts.dataDir().flatMap(DataDirFacts::walLogHints));
        Optional<Boolean> checksums = setting("data_checksums").map(f -> f.setting().equals("on"))
                .or(() -> facts.dataDir().flatMap(DataDirFacts::dataChecksums));
        if (hints.orElse(false) || checksums.orElse(false)) {
            return Optional.of(true);
        }
        return hints.isPresent() && checksums.isPresent() ? Optional.of(false) : Optional.empty();
    }

    /** "timeline 2 at 0/5000060", or "timeline 2" when the position is unknown. */
    public String position() {
        return "timeline " + timeline() + walPosition().map(l -> " at " + l).orElse("");
    }
}
