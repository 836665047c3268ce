package io.pgconverge.facts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlFactsQueryTest {
    @Test
    void uses95Names() {
        String q = SqlFactsQuery.forMajor(905);
        assertTrue(q.contains("pg_current_xlog_location()"));
        assertTrue(q.contains("pg_last_xlog_replay_location()"));
        assertTrue(q.contains("pg_xlogfile_name("));
        assertTrue(q.contains("r.replay_location"));
        assertFalse(q.contains("pg_control_system"));
        assertFalse(q.contains("pg_hba_file_rules"));
        assertFalse(q.contains("pg_stat_wal_receiver"));
        assertFalse(q.contains("'wal_status', wal_status"));
        assertTrue(q.contains("pending_restart"));
    }

    @Test
    void uses96ControlFunctionsAndWalReceiverWithoutSender() {
        String q = SqlFactsQuery.forMajor(906);
        assertTrue(q.contains("pg_control_system()"));
        assertTrue(q.contains("pg_stat_wal_receiver"));
        assertFalse(q.contains("'sender_host', sender_host"));
        assertTrue(q.contains("pg_current_xlog_location()"));
    }

    @Test
    void uses10WalNamesAndHbaRules() {
        String q = SqlFactsQuery.forMajor(10);
        assertTrue(q.contains("pg_current_wal_lsn()"));
        assertTrue(q.contains("pg_last_wal_receive_lsn()"));
        assertTrue(q.contains("pg_walfile_name("));
        assertTrue(q.contains("r.sent_lsn"));
        assertTrue(q.contains("FROM pg_hba_file_rules"));
        assertFalse(q.contains("'sender_host', sender_host"));
        assertFalse(q.contains("current_setting('primary_conninfo'"));
    }

    @Test
    void uses11SenderAnd12RecoverySettingsAnd13WalStatus() {
        assertTrue(SqlFactsQuery.forMajor(11).contains("'sender_host', sender_host"));
        assertFalse(SqlFactsQuery.forMajor(11).contains("current_setting('primary_conninfo'"));
        assertTrue(SqlFactsQuery.forMajor(12).contains("current_setting('primary_conninfo', true)"));
        assertFalse(SqlFactsQuery.forMajor(12).contains("'wal_status', wal_status"));
        assertTrue(SqlFactsQuery.forMajor(13).contains("'wal_status', wal_status"));
    }

    @Test
    void readsTheReplayPauseStateFrom14AndWhetherReplayIsPausedFrom10() {
        assertTrue(SqlFactsQuery.forMajor(14).contains("pg_get_wal_replay_pause_state()"));
        assertTrue(SqlFactsQuery.forMajor(13).contains("pg_is_wal_replay_paused()"));
        assertFalse(SqlFactsQuery.forMajor(13).contains("pg_get_wal_replay_pause_state()"));
        assertTrue(SqlFactsQuery.forMajor(906).contains("'replay_pause', NULL"));
    }

    @Test
    void readsTheConfigurationFilesBeforePgSettingsSoThatPendingRestartIsKnownWithoutAReload() {
        for (int major : new int[] {905, 906, 10, 15, 17}) {
            String q = SqlFactsQuery.forMajor(major);
            assertTrue(q.contains("FROM pg_settings WHERE (SELECT count(*) FROM pg_file_settings) >= 0)"),
                    "major " + major + ": " + q);
        }
    }

    @Test
    void neverAsksForAnMd5Hash() {
        String q = SqlFactsQuery.forMajor(17);
        assertTrue(q.contains("'scram', CASE WHEN rolpassword LIKE 'SCRAM-SHA-256$%' THEN rolpassword END"));
        assertFalse(q.contains("'password', rolpassword"));
    }

    @Test
    void readsReplayLagFrom10AndTheReplayDelayEverywhere() {
        assertTrue(SqlFactsQuery.forMajor(10).contains("'replay_lag', extract(epoch FROM r.replay_lag)"));
        assertTrue(SqlFactsQuery.forMajor(906).contains("'replay_lag', NULL"));
        for (int major : new int[] {905, 906, 10, 17}) {
            assertTrue(SqlFactsQuery.forMajor(major).contains("'replay_delay', CASE WHEN pg_is_in_recovery() THEN "
                    + "extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END"), "major " + major);
        }
    }

    @Test
    void readsSlotRetentionFrom95AndSafeWalSizeFrom13AndFileSettingErrors() {
        assertTrue(SqlFactsQuery.forMajor(905).contains("pg_xlog_location_diff(pg_current_xlog_location(), restart_lsn)"));
        assertTrue(SqlFactsQuery.forMajor(13).contains("'safe_wal_size', safe_wal_size::text"));
        assertTrue(SqlFactsQuery.forMajor(12).contains("'safe_wal_size', NULL"));
        assertTrue(SqlFactsQuery.forMajor(10).contains("FROM pg_file_settings WHERE error IS NOT NULL"));
    }
}
