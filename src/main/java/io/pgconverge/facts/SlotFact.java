package io.pgconverge.facts;

import java.util.Optional;

/** A row of pg_replication_slots. */
public record SlotFact(String name, String type, boolean active, Optional<Lsn> restartLsn,
                       Optional<String> walStatus) {
}
