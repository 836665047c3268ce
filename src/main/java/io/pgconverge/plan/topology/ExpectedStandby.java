package io.pgconverge.plan.topology;

import java.util.Optional;

/**
 * A standby that {@link io.pgconverge.plan.task.VerifyReplication} expects to stream.
 *
 * @param applicationName the {@code application_name} of its walreceiver (the inventory name), as
 *                        pg_stat_replication shows it
 * @param slot            the slot it streams through, when slots are used
 * @param upstream        the node whose pg_stat_replication lists it: the primary, or the standby it cascades from
 * @param delayed         it applies WAL only after a delay ({@code apply_delay}): it must have received the latest
 *                        write, not replayed it
 */
public record ExpectedStandby(String host, String address, String applicationName, Optional<String> slot,
                              String upstream, boolean delayed) {
}
