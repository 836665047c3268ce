package io.pgconverge.model;

import java.util.Optional;

/**
 * What the playbook says about one standby.
 *
 * @param upstream   the standby it streams from (cascading) instead of the primary
 * @param applyDelay recovery_min_apply_delay as PostgreSQL reads it ({@code 1h}, {@code 30min})
 */
public record StandbySpec(Optional<String> upstream, Optional<String> applyDelay) {
}
