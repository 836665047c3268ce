package io.pgconverge.facts;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PostgresConf, PgVersions, AppliedRecordFile, ConninfoKeys. */
class SmallPartsTest {
    @Test
    void readsConfValues() {
        String conf = """
                # primary_conninfo = 'commented'
                standby_mode = 'on'
                primary_conninfo = 'host=a user=''it''s'' port=1'   # comment
                primary_slot_name=slot_one
                primary_slot_name = 'slot_two'
                recovery_target_timeline latest
                """;
        assertEquals(Optional.of("host=a user='it's' port=1"), PostgresConf.lastValue(conf, "primary_conninfo"));
        assertEquals(Optional.of("slot_two"), PostgresConf.lastValue(conf, "primary_slot_name"));
        assertEquals(Optional.of("latest"), PostgresConf.lastValue(conf, "recovery_target_timeline"));
        assertEquals(Optional.of("on"), PostgresConf.lastValue(conf, "standby_mode"));
        assertEquals(Optional.empty(), PostgresConf.lastValue(conf, "primary"));
    }

    @Test
    void countsMajorVersions() {
        assertEquals(Optional.of(15), PgVersions.majorOf("15.18"));
        assertEquals(Optional.of(905), PgVersions.majorOf("9.5.25"));
        assertEquals(Optional.of(906), PgVersions.majorOf("9.6"));
        assertEquals(Optional.of(17), PgVersions.majorOf("17beta1"));
        assertEquals(Optional.of(10), PgVersions.majorOf("10"));
        assertEquals(Optional.empty(), PgVersions.majorOf("9"));
        assertEquals(Optional.empty(), PgVersions.majorOf("x"));
        assertEquals("9.5", PgVersions.label(905));
        assertEquals("16", PgVersions.label(16));
    }

    @Test
    void appliedRecordRoundTrips() {
        AppliedRecord r = new AppliedRecord("playbooks/ha-cluster.yml", Optional.of("abc123"), "2024-05-01T12:00:00Z", "0.1.0");
        assertEquals(Optional.of(r), AppliedRecordFile.parse(AppliedRecordFile.render(r)));
        AppliedRecord noCommit = new AppliedRecord("p.yml", Optional.empty(), "2024-05-01T12:00:00Z", "0.1.0");
        String text = AppliedRecordFile.render(noCommit);
        assertFalse(text.contains("commit="));
        assertEquals(Optional.of(noCommit), AppliedRecordFile.parse(text + "future_key=1\n"));
        assertEquals(Optional.empty(), AppliedRecordFile.parse("garbage\n"));
    }

    @Test
    void readsConninfoKeys() {
        String c = "user=repl password=******** host='db 1' port=5433 sslmode=prefer";
        assertEquals(Optional.of("db 1"), ConninfoKeys.value(c, "host"));
        assertEquals(Optional.of("5433"), ConninfoKeys.value(c, "port"));
        assertEquals(Optional.empty(), ConninfoKeys.value(c, "dbname"));
    }

    @Test
    void readsControlData() {
        ControlData d = ControlData.parse("Database system identifier:           18446744073709551615\n"
                + "Database cluster state:               shut down\n"
                + "Latest checkpoint location:           1/A0000028\n"
                + "Latest checkpoint's TimeLineID:       4\n");
        assertEquals(Optional.of(-1L), d.systemIdentifier());
        assertEquals(Optional.of("shut down"), d.clusterState());
        assertEquals(Optional.of(Lsn.parse("1/A0000028")), d.checkpointLsn());
        assertEquals(Optional.of(4), d.checkpointTimeline());
        assertTrue(ControlData.parse("").systemIdentifier().isEmpty());
    }
}
