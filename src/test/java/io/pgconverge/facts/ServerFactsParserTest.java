package io.pgconverge.facts;

import io.pgconverge.model.EngineException;
import io.pgconverge.model.PgLayout;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerFactsParserTest {
    private static ServerFacts parse(String sql, String os, int version) {
        return ServerFactsParser.parse(Fixtures.text(sql), Fixtures.osReport(os, version));
    }

    @Test
    void readsAPrimary() {
        ServerFacts s = parse("sql-15-primary.json", "os-running.txt", 15);
        assertEquals(150018, s.versionNum());
        assertEquals(15, s.majorVersion());
        assertEquals(7312345678901234567L, s.systemIdentifier());
        assertEquals(1, s.timeline());
        assertFalse(s.inRecovery());
        assertEquals(Optional.of(Lsn.parse("0/15007C8")), s.currentLsn());
        assertEquals(Optional.empty(), s.receivedLsn());
        assertEquals(Optional.empty(), s.upstream());
    }

    @Test
    void readsSettingsWithContextSourceAndPendingRestart() {
        ServerFacts s = parse("sql-15-primary.json", "os-running.txt", 15);
        SettingFact wal = s.setting("wal_level").orElseThrow();
        assertEquals("replica", wal.setting());
        assertTrue(wal.needsRestart());
        assertEquals("default", wal.source());
        SettingFact buffers = s.setting("shared_buffers").orElseThrow();
        assertEquals(Optional.of("8kB"), buffers.unit());
        assertTrue(buffers.pendingRestart());
        assertEquals(Optional.of("/etc/postgresql/15/main/postgresql.conf"), buffers.sourceFile());
    }

    @Test
    void readsRolesKeepingTheVerifierOutOfSight() {
        ServerFacts s = parse("sql-15-primary.json", "os-running.txt", 15);
        RoleFact postgres = s.roles().get("postgres");
        assertTrue(postgres.superuser());
        assertEquals("scram-sha-256", postgres.passwordKind());
        ScramVerifier v = postgres.scram().orElseThrow();
        assertTrue(v.text().startsWith("SCRAM-SHA-256$4096:"));
        assertFalse(postgres.toString().contains("SCRAM-SHA-256$"), postgres.toString());
        RoleFact repl = s.roles().get("repl");
        assertEquals("md5", repl.passwordKind());
        assertEquals(Optional.empty(), repl.scram());
        assertEquals(5, repl.connectionLimit());
        assertTrue(repl.replication());
        assertFalse(repl.superuser());
    }

    @Test
    void readsSlotsReplicationAndHbaRules() {
        ServerFacts s = parse("sql-15-primary.json", "os-running.txt", 15);
        assertEquals(2, s.slots().size());
        SlotFact active = s.slots().get(0);
        assertEquals("192_168_56_112", active.name());
        assertTrue(active.active());
        assertEquals(Optional.of(Lsn.parse("0/3000060")), active.restartLsn());
        assertEquals(Optional.empty(), s.slots().get(1).restartLsn());
        ReplicationFact r = s.replication().get(0);
        assertEquals("streaming", r.state());
        assertEquals(Optional.of("192.168.56.112"), r.clientAddr());
        assertEquals(Optional.of("192_168_56_112"), r.slotName());
        assertEquals(Optional.of(0.001234), r.replayLagSeconds());
        assertEquals(Optional.empty(), s.replayDelaySeconds(), "a primary replays nothing");
        assertEquals(6, s.hbaRules().size());
        assertEquals(List.of("map=omicron"), s.hbaRules().get(0).options());
        assertEquals(List.of(), s.hbaRules().get(1).options());
        assertEquals(Optional.of(127), s.configSources().sourceLine("shared_buffers"));
        assertEquals(List.of(new ConfigSources.FileSetting("/etc/postgresql/15/main/conf.d/x.conf", 3, 1, "work_mem",
                "lots", false, Optional.of("setting could not be applied"))), s.configSources().fileSettings());
        HbaRuleFact ipv6 = s.hbaRules().get(2);
        assertEquals(Optional.of("::1"), ipv6.address());
        assertEquals(List.of("all"), ipv6.databases());
    }

    @Test
    void readsAStandbyWithItsUpstreamAndReceivedTimeline() {
        ServerFacts s = parse("sql-15-standby.json", "os-running.txt", 15);
        assertTrue(s.inRecovery());
        assertEquals(2, s.timeline());
        assertEquals(Optional.empty(), s.currentLsn());
        assertEquals(Optional.of(Lsn.parse("0/5000000")), s.receivedLsn());
        assertEquals(Optional.of(Lsn.parse("0/4FFFF00")), s.replayedLsn());
        assertEquals(Optional.of(42.5), s.replayDelaySeconds());
        assertEquals(Optional.of("paused"), s.concerns().replayPause());
        assertTrue(s.concerns().replayPaused());
        UpstreamFacts u = s.upstream().orElseThrow();
        assertEquals(Optional.of("user=repl password=(sensitive) host=192.168.56.111 port=5432"), u.primaryConninfo());
        assertEquals(Optional.of("192_168_56_112"), u.slotName());
        assertEquals(Optional.of("192.168.56.111"), u.senderHost());
        assertEquals(Optional.of(5432), u.senderPort());
        assertEquals(Optional.of("streaming"), u.receiverStatus());
        assertFalse(s.setting("primary_conninfo").orElseThrow().setting().contains("s3cret"));
    }

    /**
     * The primary crashed after a switchover: the standby's WAL receiver is gone and its control file still names the
     * old timeline until its next restartpoint, but pg_wal already holds WAL of the new one.
     */
    @Test
    void aStandbysTimelineIsThatOfTheNewestWalItHoldsWhenNoReceiverReportsIt() {
        String json = Fixtures.text("sql-15-standby.json").replaceAll("\"received_tli\": *2", "\"received_tli\": null");
        String os = Fixtures.text("os-running.txt");
        PgLayout l = Fixtures.debian(15);
        assertEquals(1, ServerFactsParser.parse(json, OsReportParser.parse(os, l.dataDir(), l.binDir())).timeline());
        String withWal = os.replace("running=1\n", "running=1\nwal_newest_segment=00000012000000000000000F\n");
        assertEquals(18, ServerFactsParser.parse(json, OsReportParser.parse(withWal, l.dataDir(), l.binDir()))
                .timeline());
        assertEquals(Optional.empty(), OsReportParser.walTimeline("00000012000000000000000F.partial"));
        assertEquals(Optional.empty(), OsReportParser.walTimeline(""));
    }

    @Test
    void fillsA95ServerFromControlDataRecoveryConfAndTheHbaFile() {
        ServerFacts s = parse("sql-95-standby.json", "os-95-standby.txt", 905);
        assertEquals(905, s.majorVersion());
        assertEquals(7312345678901234567L, s.systemIdentifier());
        assertEquals(3, s.timeline());
        UpstreamFacts u = s.upstream().orElseThrow();
        assertEquals(Optional.of("host=192.168.56.111 port=5432 user=repl password=(sensitive)"), u.primaryConninfo());
        assertEquals(Optional.of("192_168_56_112"), u.slotName());
        assertEquals(Optional.empty(), u.receiverStatus());
        assertEquals(3, s.hbaRules().size());
        HbaRuleFact repl = s.hbaRules().get(1);
        assertEquals(Optional.of("192.168.56.112"), repl.address());
        assertEquals(Optional.of("255.255.255.255"), repl.netmask());
        assertEquals(List.of("replication"), repl.databases());
        assertTrue(s.slots().isEmpty());
    }

    @Test
    void refusesSomethingThatIsNotTheDocument() {
        OsReport os = Fixtures.osReport("os-running.txt", 15);
        assertThrows(EngineException.class, () -> ServerFactsParser.parse("not json", os));
        assertThrows(EngineException.class, () -> ServerFactsParser.parse("[1]", os));
    }
}
