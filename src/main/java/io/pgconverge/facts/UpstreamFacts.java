package io.pgconverge.facts;

import java.util.Optional;

/**
 * Where a standby takes its WAL from.
 *
 * @param primaryConninfo the configured primary_conninfo with any password replaced by (sensitive)
 * @param senderHost      pg_stat_wal_receiver's sender_host, when a receiver runs
 * @param receiverStatus  pg_stat_wal_receiver's status ("streaming", ...), empty when none runs
 */
public record UpstreamFacts(Optional<String> primaryConninfo, Optional<String> slotName,
                            Optional<String> senderHost, Optional<Integer> senderPort,
                            Optional<String> receiverStatus) {
    /** The host it takes WAL from: the walreceiver's sender, else the host of the configured primary_conninfo. */
    public Optional<String> followedHost() {
        return senderHost.or(() -> primaryConninfo.flatMap(c -> ConninfoKeys.value(c, "host")));
    }

    /** The port it takes WAL from: the walreceiver's sender port, else the configured one. */
    public Optional<Integer> followedPort() {
        return senderPort.or(() -> primaryConninfo.flatMap(c -> ConninfoKeys.value(c, "port")).flatMap(p -> {
            try {
                return Optional.of(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }));
    }

    public boolean streaming() {
        return receiverStatus.filter("streaming"::equals).isPresent();
    }
}
