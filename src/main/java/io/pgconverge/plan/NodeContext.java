package io.pgconverge.plan;

import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.facts.SettingFact;
import io.pgconverge.model.Host;
import io.pgconverge.model.NodePaths;

import java.util.Optional;

/** One node as the planner sees it: its inventory host, its facts, and whether it is the desired primary. */
record NodeContext(Host host, NodeFacts facts, boolean desiredPrimary) {
    String name() {
        return host.name();
    }

    NodePaths paths() {
        return NodePaths.of(host.pg());
    }

    ServiceCommands service() {
        return new ServiceCommands(host.pg());
    }

    int version() {
        return host.pg().version();
    }

    boolean reachable() {
        return facts.reachable();
    }

    boolean running() {
        return facts.running();
    }

    Optional<ServerFacts> server() {
        return facts.server();
    }

    /** Initialised: PG_VERSION is there, or a server runs and answers. */
    boolean dataInitialised() {
        return facts.server().isPresent() || facts.dataDir().map(d -> d.initialised()).orElse(false);
    }

    /** Whether anything is known about the data directory: its facts were read, or the server answers. */
    boolean dataKnown() {
        return facts.dataDir().isPresent() || facts.server().isPresent();
    }

    boolean dataDirExists() {
        return facts.dataDir().map(d -> d.exists()).orElse(false);
    }

    /** In recovery: from the server when it runs, else from standby.signal / recovery.conf in the data directory. */
    boolean inRecovery() {
        return facts.server().map(ServerFacts::inRecovery)
                .orElse(facts.dataDir().map(d -> d.standbySignal() || d.recoveryConf()).orElse(false));
    }

    Optional<Long> systemIdentifier() {
        return facts.server().map(ServerFacts::systemIdentifier)
                .or(() -> facts.dataDir().flatMap(d -> d.systemIdentifier()));
    }

    Optional<String> content(String path) {
        return facts.file(path).exists() ? Optional.of(facts.file(path).content().orElse("")) : Optional.empty();
    }

    Optional<SettingFact> setting(String name) {
        return facts.server().flatMap(s -> s.setting(name));
    }
}
