package io.pgconverge.plan.config;

import io.pgconverge.facts.SettingFact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingValueTest {
    private static SettingFact fact(String name, String setting, String unit, String vartype) {
        return new SettingFact(name, setting, Optional.ofNullable(unit), "user", vartype, "configuration file",
                Optional.empty(), false);
    }

    @ParameterizedTest
    @CsvSource({
            "128MB, 16384, 8kB", "16384, 16384, 8kB", "'128MB', 16384, 8kB", "131072kB, 16384, 8kB",
            "1GB, 131072, 8kB", "1TB, 134217728, 8kB", "4MB, 4096, kB", "4096kB, 4096, kB", "4096, 4096, kB",
            "1GB, 1048576, kB", "1048576B, 1024, kB", "1GB, 1024, MB", "2048MB, 2048, MB", "0.5GB, 512, MB",
            "1min, 60000, ms", "60s, 60000, ms", "60000ms, 60000, ms", "1h, 3600, s", "1d, 1440, min",
            "5min, 300, s", "300, 300, s", "-1, -1, ms", "0x10, 16, "})
    void integersAreComparedInTheParametersUnit(String desired, String effective, String unit) {
        assertTrue(SettingValue.same(desired, fact("p", effective, unit, "integer")), desired + " = " + effective);
    }

    @ParameterizedTest
    @CsvSource({"64MB, 16384, 8kB", "16MB, 4096, kB", "1s, 60000, ms", "1GB, 1, s", "4mb, 4096, kB",
            "abc, 4096, kB", "1000, 60000, ms", "8kB, 8, "})
    void differentQuantitiesOrForeignUnitsDiffer(String desired, String effective, String unit) {
        assertFalse(SettingValue.same(desired, fact("p", effective, unit, "integer")), desired + " <> " + effective);
    }

    @Test
    void realsCompareAsNumbersWithUnits() {
        assertTrue(SettingValue.same("2ms", fact("vacuum_cost_delay", "2", "ms", "real")));
        assertTrue(SettingValue.same("0.002s", fact("vacuum_cost_delay", "2", "ms", "real")));
        assertTrue(SettingValue.same("0.90", fact("checkpoint_completion_target", "0.9", null, "real")));
        assertFalse(SettingValue.same("0.5", fact("checkpoint_completion_target", "0.9", null, "real")));
    }

    @ParameterizedTest
    @CsvSource({"on, on", "ON, on", "true, on", "TRUE, on", "yes, on", "1, on", "t, on", "tr, on", "y, on",
            "'on', on", "off, off", "false, off", "no, off", "0, off", "f, off", "n, off", "of, off", "OFF, off"})
    void booleansInEverySpelling(String desired, String effective) {
        assertTrue(SettingValue.same(desired, fact("hot_standby", effective, null, "bool")));
    }

    @ParameterizedTest
    @CsvSource({"off, on", "o, on", "maybe, on", "on, off", "2, on", "'', off"})
    void wrongOrAmbiguousBooleansDiffer(String desired, String effective) {
        assertFalse(SettingValue.same(desired, fact("hot_standby", effective, null, "bool")));
    }

    @Test
    void enumsIgnoreCaseStringsDoNot() {
        assertTrue(SettingValue.same("REPLICA", fact("wal_level", "replica", null, "enum")));
        assertTrue(SettingValue.same("'Logical'", fact("wal_level", "logical", null, "enum")));
        assertFalse(SettingValue.same("minimal", fact("wal_level", "replica", null, "enum")));
        assertTrue(SettingValue.same("true", fact("archive_mode", "on", null, "enum")));
        assertFalse(SettingValue.same("always", fact("archive_mode", "on", null, "enum")));
        assertFalse(SettingValue.same("Europe/Paris", fact("timezone", "europe/paris", null, "string")));
        assertTrue(SettingValue.same("'it''s'", fact("application_name", "it's", null, "string")));
        assertTrue(SettingValue.same("'a\\'b'", fact("application_name", "a'b", null, "string")));
    }

    @Test
    void listsIgnoreSpacesAroundCommasButNotOrder() {
        assertTrue(SettingValue.same("'pg_stat_statements, auto_explain'",
                fact("shared_preload_libraries", "pg_stat_statements,auto_explain", null, "string")));
        assertTrue(SettingValue.same("'localhost,  127.0.0.11'",
                fact("listen_addresses", "localhost, 127.0.0.11", null, "string")));
        assertTrue(SettingValue.same("'\"$user\", public'", fact("search_path", "\"$user\", public", null, "string")));
        assertFalse(SettingValue.same("'auto_explain,pg_stat_statements'",
                fact("shared_preload_libraries", "pg_stat_statements,auto_explain", null, "string")));
        assertFalse(SettingValue.same("'*'", fact("listen_addresses", "localhost", null, "string")));
    }

    @Test
    void twoWrittenValuesCompareThroughTheParameter() {
        SettingFact sharedBuffers = fact("shared_buffers", "16384", "8kB", "integer");
        assertTrue(SettingValue.sameWritten("16384", "128MB", sharedBuffers));
        assertTrue(SettingValue.sameWritten("'128MB'", "131072kB", sharedBuffers));
        assertFalse(SettingValue.sameWritten("16MB", "128MB", sharedBuffers));
    }

    @Test
    void numbersConvertToTheUnit() {
        assertEquals(Optional.of(16384.0), SettingValue.number("128MB", Optional.of("8kB")));
        assertEquals(Optional.empty(), SettingValue.number("128ms", Optional.of("8kB")));
        assertEquals(Optional.empty(), SettingValue.number("128MB", Optional.empty()));
    }
}
