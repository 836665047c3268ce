package io.pgconverge.plan.topology;

import java.util.Optional;

/**
 * A standby that {@link VerifyReplication} expects to stream from the primary.
 *
 * @param applicationName the {@code application_name} of its walreceiver (the inventory name), as
 *                        pg_stat_replication shows it
 * @param slot            the slot it streams through, when slots are used
 */
public record ExpectedStandby(String host, String address, String applicationName, Optional<String> slot) {
}
