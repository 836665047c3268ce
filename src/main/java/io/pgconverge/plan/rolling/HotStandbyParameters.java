package io.pgconverge.plan.rolling;

import io.pgconverge.model.PgMajorVersion;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters a hot standby checks against its primary's, as the primary records them in WAL and the standby
 * keeps them in its control file, with the label pg_controldata shows for each. max_wal_senders is checked
 * from PostgreSQL 12 on; the others by every supported version.
 */
public final class HotStandbyParameters {
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("max_connections", "max_connections setting");
        LABELS.put("max_worker_processes", "max_worker_processes setting");
        LABELS.put("max_wal_senders", "max_wal_senders setting");
        LABELS.put("max_prepared_transactions", "max_prepared_xacts setting");
        LABELS.put("max_locks_per_transaction", "max_locks_per_xact setting");
    }

    private HotStandbyParameters() {
    }

    /** The pg_controldata label of {@code name} when a standby of {@code version} checks it. */
    public static Optional<String> controlLabel(String name, int version) {
        if (name.equals("max_wal_senders") && !PgMajorVersion.atLeast(version, 12)) {
            return Optional.empty();
        }
        return Optional.ofNullable(LABELS.get(name));
    }

    /** Every parameter a standby of {@code version} checks, by name, with its label. */
    public static Map<String, String> checked(int version) {
        Map<String, String> out = new LinkedHashMap<>();
        LABELS.keySet().forEach(n -> controlLabel(n, version).ifPresent(l -> out.put(n, l)));
        return out;
    }
}
