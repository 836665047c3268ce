package io.pgconverge.load;

import io.pgconverge.model.PgMajorVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgSettingsCatalogTest {
    private final PgSettingsCatalog catalog = PgSettingsCatalog.standard();

    private static int v(String text) {
        return PgMajorVersion.parse(text).orElseThrow();
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
        "wal_keep_segments, 12, true", "wal_keep_segments, 13, false",
        "wal_keep_size, 12, false", "wal_keep_size, 13, true",
        "min_wal_size, 9.5, true", "checkpoint_segments, 9.5, false",
        "max_slot_wal_keep_size, 12, false", "max_slot_wal_keep_size, 13, true",
        "primary_conninfo, 11, false", "primary_conninfo, 12, true",
        "standby_mode, 9.5, false", "standby_mode, 12, false",
        "max_parallel_workers_per_gather, 9.5, false", "max_parallel_workers_per_gather, 9.6, true",
        "force_parallel_mode, 15, true", "force_parallel_mode, 16, false",
        "debug_parallel_query, 15, false", "debug_parallel_query, 16, true",
        "old_snapshot_threshold, 16, true", "old_snapshot_threshold, 17, false",
        "transaction_timeout, 16, false", "transaction_timeout, 17, true",
        "jit, 10, false", "jit, 11, true",
        "default_with_oids, 11, true", "default_with_oids, 12, false",
        "stats_temp_directory, 14, true", "stats_temp_directory, 15, false",
        "pg_stat_statements.max, 9.5, true", "auto_explain.log_min_duration, 17, true",
        "DateStyle, 15, true", "datestyle, 15, true", "block_size, 15, false",
    })
    void settingsExistPerVersion(String name, String version, boolean valid) {
        assertEquals(valid, catalog.problem(name, v(version)).isEmpty(), () -> catalog.problem(name, v(version)).get());
    }

    @Test
    void problemsExplainThemselves() {
        assertEquals(Optional.of("wal_keep_segments is not a PostgreSQL 13 setting (PostgreSQL 13 removed it);"
                + " use wal_keep_size"), catalog.problem("wal_keep_segments", 13));
        assertEquals(Optional.of("max_slot_wal_keep_size is not a PostgreSQL 12 setting (it came with PostgreSQL 13)"),
                catalog.problem("max_slot_wal_keep_size", 12));
        assertEquals(Optional.of("restore_command is a recovery.conf parameter in PostgreSQL 9.6, not a postgresql.conf"
                + " setting; the engine writes the recovery settings of standbys itself"),
                catalog.problem("restore_command", 906));
        assertEquals(Optional.of("unknown PostgreSQL 9.5 setting 'shared_bufers'; did you mean 'shared_buffers'?"),
                catalog.problem("shared_bufers", 905));
        assertEquals(Optional.of("server_version is read-only: it reports how the server was built or initialised"),
                catalog.problem("server_version", 17));
    }

    @Test
    void everySettingOfTheInstalledPostgresql15IsKnownFor15() {
        List<String> names = catalog.names(15);
        assertEquals(354, names.size());
        assertTrue(names.containsAll(List.of("listen_addresses", "wal_level", "max_wal_senders", "hot_standby",
                "wal_log_hints", "max_replication_slots", "archive_mode", "archive_command", "TimeZone")));
    }

    @Test
    void theReplicationBasicsExistInEverySupportedVersion() {
        for (String version : List.of("9.5", "9.6", "10", "11", "12", "13", "14", "15", "16", "17")) {
            for (String name : List.of("listen_addresses", "wal_level", "max_wal_senders", "hot_standby",
                    "max_replication_slots", "wal_log_hints", "archive_mode", "archive_command")) {
                assertEquals(Optional.empty(), catalog.problem(name, v(version)), name + " in " + version);
            }
        }
    }

    @Test
    void namesAreCaseInsensitiveAndCanonicalised() {
        assertEquals("DateStyle", catalog.canonical("datestyle"));
        assertEquals("work_mem", catalog.canonical("WORK_MEM"));
        assertEquals("my.custom", catalog.canonical("my.custom"));
    }
}
