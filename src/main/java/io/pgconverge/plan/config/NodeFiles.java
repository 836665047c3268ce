package io.pgconverge.plan.config;

import java.util.Map;
import java.util.Optional;

/**
 * The engine-owned files of one node as they should be.
 *
 * @param settings      every parameter pgconverge.conf sets (recovery settings of a 12+ standby included)
 * @param recoveryConf  a pre-12 standby's recovery.conf
 * @param standbySignal a 12+ standby's standby.signal
 * @param passfile      the replication passfile (sensitive), from 10 on when the replication role has a password
 * @param recoverySensitive recoveryConf holds the replication password (before 10, which has no passfile=)
 * @param ident         pg_ident.conf when the playbook declares ident maps
 */
public record NodeFiles(Map<String, String> settings, String pgconvergeConf, String hba, Optional<String> recoveryConf,
                 Optional<String> standbySignal, Optional<String> passfile, boolean recoverySensitive,
                 Optional<String> ident) {
    public NodeFiles {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    /** Without pg_ident.conf. */
    public NodeFiles(Map<String, String> settings, String pgconvergeConf, String hba, Optional<String> recoveryConf,
                     Optional<String> standbySignal, Optional<String> passfile, boolean recoverySensitive) {
        this(settings, pgconvergeConf, hba, recoveryConf, standbySignal, passfile, recoverySensitive, Optional.empty());
    }
}
