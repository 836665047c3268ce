package io.pgconverge.facts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a running server says about itself: one database session's worth of SQL facts.
 *
 * @param versionNum server_version_num, e.g. 150018
 * @param currentLsn pg_current_wal_lsn() on a primary; empty in recovery
 * @param receivedLsn pg_last_wal_receive_lsn() in recovery
 * @param replayedLsn pg_last_wal_replay_lsn() in recovery
 * @param configSources where each effective value comes from, and pg_file_settings
 * @param replayDelaySeconds in recovery, seconds since the commit time of the last transaction replayed
 *                           ({@code now() - pg_last_xact_replay_timestamp()}); empty out of recovery and before
 *                           the first replayed transaction. It grows while the primary is idle.
 * @param concerns WAL retained by slots and configuration lines the server could not apply
 */
public record ServerFacts(String version, int versionNum, long systemIdentifier, int timeline, boolean inRecovery,
                          Optional<Lsn> currentLsn, Optional<Lsn> receivedLsn, Optional<Lsn> replayedLsn,
                          Optional<UpstreamFacts> upstream, Map<String, SettingFact> settings,
                          List<HbaRuleFact> hbaRules, Map<String, RoleFact> roles, List<SlotFact> slots,
                          List<ReplicationFact> replication, Optional<Double> replayDelaySeconds,
                          ConfigSources configSources, ServerConcerns concerns) {
    public ServerFacts {
        settings = Map.copyOf(settings);
        hbaRules = List.copyOf(hbaRules);
        roles = Map.copyOf(roles);
        slots = List.copyOf(slots);
        replication = List.copyOf(replication);
    }

    /** Without configuration sources (none known) and without concerns (none). */
    public ServerFacts(String version, int versionNum, long systemIdentifier, int timeline, boolean inRecovery,
                       Optional<Lsn> currentLsn, Optional<Lsn> receivedLsn, Optional<Lsn> replayedLsn,
                       Optional<UpstreamFacts> upstream, Map<String, SettingFact> settings,
                       List<HbaRuleFact> hbaRules, Map<String, RoleFact> roles, List<SlotFact> slots,
                       List<ReplicationFact> replication, Optional<Double> replayDelaySeconds) {
        this(version, versionNum, systemIdentifier, timeline, inRecovery, currentLsn, receivedLsn, replayedLsn,
                upstream, settings, hbaRules, roles, slots, replication, replayDelaySeconds, ConfigSources.none(),
                ServerConcerns.none());
    }

    /** The same facts with these configuration sources. */
    public ServerFacts withConfigSources(ConfigSources sources) {
        return new ServerFacts(version, versionNum, systemIdentifier, timeline, inRecovery, currentLsn, receivedLsn,
                replayedLsn, upstream, settings, hbaRules, roles, slots, replication, replayDelaySeconds, sources,
                concerns);
    }

    /** The same facts with these concerns. */
    public ServerFacts withConcerns(ServerConcerns concerns) {
        return new ServerFacts(version, versionNum, systemIdentifier, timeline, inRecovery, currentLsn, receivedLsn,
                replayedLsn, upstream, settings, hbaRules, roles, slots, replication, replayDelaySeconds,
                configSources, concerns);
    }

    /** Without replay delay (left empty). */
    public ServerFacts(String version, int versionNum, long systemIdentifier, int timeline, boolean inRecovery,
                       Optional<Lsn> currentLsn, Optional<Lsn> receivedLsn, Optional<Lsn> replayedLsn,
                       Optional<UpstreamFacts> upstream, Map<String, SettingFact> settings,
                       List<HbaRuleFact> hbaRules, Map<String, RoleFact> roles, List<SlotFact> slots,
                       List<ReplicationFact> replication) {
        this(version, versionNum, systemIdentifier, timeline, inRecovery, currentLsn, receivedLsn, replayedLsn,
                upstream, settings, hbaRules, roles, slots, replication, Optional.empty());
    }

    public int majorVersion() {
        return versionNum >= 100000 ? versionNum / 10000 : versionNum / 100;
    }

    public Optional<SettingFact> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }
}
