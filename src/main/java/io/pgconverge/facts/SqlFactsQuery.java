package io.pgconverge.facts;

/**
 * The single query that returns a running server's SQL facts as one JSON document, written for one major
 * version: WAL function and column names changed in 10 (xlog -> wal, location -> lsn), pg_control_*() came in
 * 9.6, pg_hba_file_rules in 10, pg_stat_wal_receiver in 9.6 (sender_host/port in 11), primary_conninfo became a
 * setting in 12 and wal_status a slot column in 13. What a version lacks is null in the document and is read
 * from the OS-level facts instead (pg_controldata, the hba file, recovery.conf).
 */
public final class SqlFactsQuery {
    /** A cheap first query for when the major version is not known from the data directory. */
    public static final String VERSION_NUM = "SELECT current_setting('server_version_num')";

    private SqlFactsQuery() {
    }

    /** The query for a server of major version {@code major} (as {@link PgVersions} counts: 905, 906, 10, ...). */
    public static String forMajor(int major) {
        int num = major >= 100 ? major * 100 : major * 10000;
        boolean v10 = num >= 100000;
        String wal = v10 ? "wal" : "xlog";
        String lsn = v10 ? "lsn" : "location";
        String current = "pg_current_" + wal + "_" + lsn + "()";
        StringBuilder q = new StringBuilder("SELECT json_build_object(\n");
        q.append("  'version', version(),\n");
        q.append("  'server_version_num', current_setting('server_version_num')::int,\n");
        q.append("  'in_recovery', pg_is_in_recovery(),\n");
        q.append("  'current_lsn', CASE WHEN pg_is_in_recovery() THEN NULL ELSE ").append(current).append("::text END,\n");
        q.append("  'current_walfile', CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_").append(wal)
                .append("file_name(").append(current).append(") END,\n");
        q.append("  'received_lsn', pg_last_").append(wal).append("_receive_").append(lsn).append("()::text,\n");
        q.append("  'replayed_lsn', pg_last_").append(wal).append("_replay_").append(lsn).append("()::text,\n");
        q.append("  'replay_delay', CASE WHEN pg_is_in_recovery() THEN ")
                .append("extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END,\n");
        q.append(control(num >= 90600));
        q.append("  'settings', ").append(SETTINGS).append(",\n");
        q.append("  'file_settings', ").append(FILE_SETTINGS).append(",\n");
        q.append("  'hba_rules', ").append(v10 ? HBA : "NULL::json").append(",\n");
        q.append("  'roles', ").append(ROLES).append(",\n");
        q.append("  'slots', ").append(slots(num >= 130000)).append(",\n");
        q.append("  'replication', ").append(replication(v10)).append(",\n");
        q.append("  'slot_retention', ").append(slotRetention(num >= 130000, current)).append(",\n");
        q.append("  'file_setting_errors', ").append(FILE_SETTING_ERRORS).append(",\n");
        q.append("  'replay_pause', ").append(replayPause(num)).append(",\n");
        q.append("  'wal_receiver', ").append(num >= 90600 ? walReceiver(num >= 110000) : "NULL::json").append(",\n");
        q.append(recoverySettings(num >= 120000));
        q.append(")");
        return q.toString();
    }

    /** 14 and later tell a requested pause from one in effect; 10 to 13 only whether replay is paused. */
    private static String replayPause(int num) {
        if (num >= 140000) {
            return "CASE WHEN pg_is_in_recovery() THEN pg_get_wal_replay_pause_state() END";
        }
        if (num >= 100000) {
            return "CASE WHEN pg_is_in_recovery() THEN CASE WHEN pg_is_wal_replay_paused() THEN 'paused' "
                    + "ELSE 'not paused' END END";
        }
        return "NULL";
    }

    private static String control(boolean available) {
        if (!available) {
            return "  'system_identifier', NULL, 'checkpoint_timeline', NULL, 'min_recovery_timeline', NULL,\n";
        }
        return "  'system_identifier', (SELECT system_identifier::text FROM pg_control_system()),\n"
                + "  'checkpoint_timeline', (SELECT timeline_id FROM pg_control_checkpoint()),\n"
                + "  'min_recovery_timeline', (SELECT min_recovery_end_timeline FROM pg_control_recovery()),\n";
    }

    /**
     * pg_settings after the configuration files have been read in this very session: a backend learns that a
     * postmaster parameter changed in a file (ALTER SYSTEM, an edit) waits for a restart only when it parses the
     * files, at a reload or a read of pg_file_settings. Without that, pending_restart is false until someone reloads,
     * while pg_file_settings already shows the line's "setting could not be applied". The condition on the files is
     * a one-time filter, evaluated before pg_settings is read.
     */
    private static final String FILES_READ_FIRST = "(SELECT count(*) FROM pg_file_settings) >= 0";

    private static final String SETTINGS = "(SELECT json_agg(json_build_object('name', name, 'setting', setting, "
            + "'unit', unit, 'context', context, 'vartype', vartype, 'source', source, 'sourcefile', sourcefile, "
            + "'sourceline', sourceline, 'pending_restart', pending_restart) ORDER BY name) FROM pg_settings"
            + " WHERE " + FILES_READ_FIRST + ")";

    private static final String FILE_SETTINGS = "(SELECT json_agg(json_build_object('sourcefile', sourcefile, "
            + "'sourceline', sourceline, 'seqno', seqno, 'name', name, 'setting', setting, 'applied', applied, "
            + "'error', error) ORDER BY seqno) FROM pg_file_settings)";

    private static final String HBA = "(SELECT json_agg(json_build_object('line_number', line_number, 'type', type, "
            + "'database', database, 'user_name', user_name, 'address', address, 'netmask', netmask, "
            + "'auth_method', auth_method, 'options', options, 'error', error) ORDER BY line_number) FROM pg_hba_file_rules)";

    /**
     * Only the kind of a stored password leaves the server, the SCRAM verifier, and for an md5 verifier its MD5
     * (never the md5 verifier, which is enough to log in with).
     */
    private static final String ROLES = "(SELECT json_agg(json_build_object('name', rolname, 'superuser', rolsuper, "
            + "'login', rolcanlogin, 'replication', rolreplication, 'createdb', rolcreatedb, "
            + "'createrole', rolcreaterole, 'connection_limit', rolconnlimit, "
            + "'password_kind', CASE WHEN rolpassword IS NULL THEN 'none' "
            + "WHEN rolpassword LIKE 'SCRAM-SHA-256$%' THEN 'scram-sha-256' "
            + "WHEN rolpassword ~ '^md5[0-9a-f]{32}$' THEN 'md5' ELSE 'plain' END, "
            + "'scram', CASE WHEN rolpassword LIKE 'SCRAM-SHA-256$%' THEN rolpassword END, "
            + "'md5_check', CASE WHEN rolpassword ~ '^md5[0-9a-f]{32}$' THEN md5(rolpassword) END) ORDER BY rolname) "
            + "FROM pg_authid WHERE rolname !~ '^pg_')";

    private static String slots(boolean walStatus) {
        return "(SELECT json_agg(json_build_object('name', slot_name, 'type', slot_type, 'active', active, "
                + "'restart_lsn', restart_lsn::text, 'wal_status', " + (walStatus ? "wal_status" : "NULL")
                + ") ORDER BY slot_name) FROM pg_replication_slots)";
    }

    /** Bytes each slot retains on a primary (the current LSN minus its restart_lsn), with 13's wal_status. */
    private static String slotRetention(boolean v13, String currentLsn) {
        String diff = currentLsn.startsWith("pg_current_wal") ? "pg_wal_lsn_diff" : "pg_xlog_location_diff";
        return "(SELECT json_agg(json_build_object('name', slot_name, 'active', active, 'retained_bytes', "
                + "CASE WHEN pg_is_in_recovery() OR restart_lsn IS NULL THEN NULL ELSE " + diff + "(" + currentLsn
                + ", restart_lsn)::bigint::text END, 'wal_status', " + (v13 ? "wal_status" : "NULL")
                + ", 'safe_wal_size', " + (v13 ? "safe_wal_size::text" : "NULL") + ") ORDER BY slot_name) "
                + "FROM pg_replication_slots)";
    }

    private static final String FILE_SETTING_ERRORS = "(SELECT json_agg(json_build_object('sourcefile', sourcefile, "
            + "'sourceline', sourceline, 'name', name, 'error', error) ORDER BY sourcefile, sourceline) "
            + "FROM pg_file_settings WHERE error IS NOT NULL)";

    private static String replication(boolean v10) {
        String suffix = v10 ? "_lsn" : "_location";
        return "(SELECT json_agg(json_build_object('application_name', r.application_name, "
                + "'client_addr', host(r.client_addr), 'state', r.state, "
                + "'sent_lsn', r.sent" + suffix + "::text, 'flush_lsn', r.flush" + suffix + "::text, "
                + "'replay_lsn', r.replay" + suffix + "::text, 'sync_state', r.sync_state, 'slot_name', s.slot_name, "
                + "'replay_lag', " + (v10 ? "extract(epoch FROM r.replay_lag)" : "NULL") + ") "
                + "ORDER BY r.application_name, r.pid) "
                + "FROM pg_stat_replication r LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid)";
    }

    private static String walReceiver(boolean sender) {
        return "(SELECT json_build_object('status', status, 'received_tli', received_tli, 'slot_name', slot_name, "
                + "'sender_host', " + (sender ? "sender_host" : "NULL") + ", 'sender_port', "
                + (sender ? "sender_port" : "NULL") + ", 'conninfo', conninfo) FROM pg_stat_wal_receiver LIMIT 1)";
    }

    private static String recoverySettings(boolean asSettings) {
        if (!asSettings) {
            return "  'primary_conninfo', NULL, 'primary_slot_name', NULL\n";
        }
        return "  'primary_conninfo', current_setting('primary_conninfo', true),\n"
                + "  'primary_slot_name', current_setting('primary_slot_name', true)\n";
    }
}
