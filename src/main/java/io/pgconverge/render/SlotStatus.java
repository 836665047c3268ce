package io.pgconverge.render;

import java.util.Locale;
import java.util.Optional;

/**
 * A standby's physical slot as its upstream shows it.
 *
 * @param name          the slot the standby streams through: its primary_slot_name, else the playbook's name for it
 * @param retainedBytes WAL the slot holds back on the upstream: the upstream's position minus the slot's
 *                      restart_lsn; empty when either is unknown
 */
public record SlotStatus(String name, State state, Optional<Long> retainedBytes) {
    /** Whether the slot exists on the upstream and a walsender uses it. */
    public enum State {
        ACTIVE, INACTIVE, MISSING, UNKNOWN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
