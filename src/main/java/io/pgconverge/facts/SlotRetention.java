package io.pgconverge.facts;

import java.util.Optional;

/**
 * How much WAL a replication slot holds back on a primary.
 *
 * @param retainedBytes WAL kept for it: the current LSN minus its restart_lsn (empty on a standby, or never used)
 * @param walStatus     pg_replication_slots.wal_status (13+): reserved, extended, unreserved, lost
 * @param safeWalSize   pg_replication_slots.safe_wal_size (13+): bytes that can still be written before the
 *                      slot is in danger of losing WAL; empty without max_slot_wal_keep_size
 */
public record SlotRetention(String slot, boolean active, Optional<Long> retainedBytes, Optional<String> walStatus,
                            Optional<Long> safeWalSize) {
}
