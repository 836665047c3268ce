package io.pgconverge.facts;

import io.pgconverge.model.EngineException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OsReportParserTest {
    private static final String CONF = "/etc/postgresql/15/main";
    private static final String DATA = "/var/lib/postgresql/15/main";

    @Test
    void readsARunningNode() {
        OsReport r = Fixtures.osReport("os-running.txt", 15);
        assertEquals(Optional.of(new OsFacts("debian", "12", "x86_64", "node1")), r.os());
        assertEquals(Optional.of("/usr/lib/postgresql/15/bin"), r.binDir());
        assertEquals(Optional.of("15.18"), r.installedVersion());
        assertTrue(r.running());
        assertTrue(r.dataReadable());
        DataDirFacts d = r.dataDir();
        assertEquals(DATA, d.path());
        assertTrue(d.exists());
        assertTrue(d.initialised());
        assertEquals("postgres", d.owner());
        assertEquals(Optional.of(15), d.pgVersion());
        assertEquals(Optional.of(7312345678901234567L), d.systemIdentifier());
        assertEquals(Optional.of("in production"), d.clusterState());
        assertEquals(Optional.of(1), d.timeline());
        assertTrue(d.checkpointLsn().isPresent());
        assertFalse(d.standbySignal());
        assertFalse(d.recoveryConf());
        assertEquals(CONF + "/pg_hba.conf", r.hbaFile());
    }

    @Test
    void readsFilesWithOwnerModeAndContent() {
        OsReport r = Fixtures.osReport("os-running.txt", 15);
        FileFact hba = r.file(CONF + "/pg_hba.conf");
        assertTrue(hba.exists());
        assertEquals("postgres", hba.owner());
        assertEquals("0640", hba.mode());
        assertTrue(hba.content().orElseThrow().contains("host    replication     repl            192.168.56.0/24"));
        assertEquals("wal_level = 'replica'\nmax_wal_senders = 10\n", r.file(CONF + "/pgconverge.conf").content().orElseThrow());
        assertFalse(r.file(DATA + "/recovery.conf").exists());
        assertEquals(7, r.files().size());
    }

    @Test
    void masksPasswordsInFileContent() {
        OsReport r = Fixtures.osReport("os-running.txt", 15);
        String auto = r.file(DATA + "/postgresql.auto.conf").content().orElseThrow();
        assertFalse(auto.contains("s3cr"), auto);
        assertTrue(auto.contains("password=(sensitive) host=192.168.56.111"), auto);
        assertTrue(auto.contains("work_mem = '8MB'"));
    }

    @Test
    void neverReadsThePassfile() {
        OsReport r = Fixtures.osReport("os-running.txt", 15);
        FileFact pgpass = r.file(CONF + "/pgconverge.pgpass");
        assertTrue(pgpass.exists());
        assertEquals("0600", pgpass.mode());
        assertEquals(Optional.empty(), pgpass.content());
        assertFalse(OsFactsScript.of(Fixtures.debian(15)).contains("base64 < \"$CONF/pgconverge.pgpass\""));
    }

    @Test
    void readsTheAppliedRecord() {
        AppliedRecord a = Fixtures.osReport("os-running.txt", 15).lastApplied().orElseThrow();
        assertEquals(new AppliedRecord("playbooks/ha-cluster.yml", Optional.of("0123abc"), "2024-05-01T12:00:00Z", "0.1.0"), a);
    }

    @Test
    void readsAStoppedStandbyFromItsDataDirectory() {
        OsReport r = Fixtures.osReport("os-stopped-standby.txt", 15);
        assertFalse(r.running());
        assertTrue(r.dataDir().standbySignal());
        assertEquals(Optional.of("shut down in recovery"), r.dataDir().clusterState());
        assertEquals(Optional.of(2), r.dataDir().timeline());
        assertEquals(Optional.of(7312345678901234567L), r.dataDir().systemIdentifier());
        assertEquals(Optional.empty(), r.lastApplied());
        assertFalse(r.file(CONF + "/pgconverge.pgpass").exists());
    }

    @Test
    void readsAFreshNodeWithoutBinariesOrDataDirectory() {
        OsReport r = Fixtures.osReport("os-fresh.txt", 15);
        assertEquals(Optional.empty(), r.binDir());
        assertEquals(Optional.empty(), r.installedVersion());
        assertEquals("aarch64", r.os().orElseThrow().arch());
        assertFalse(r.dataDir().exists());
        assertFalse(r.dataDir().initialised());
        assertEquals(Optional.empty(), r.dataDir().systemIdentifier());
        assertFalse(r.running());
        assertTrue(r.files().values().stream().noneMatch(FileFact::exists));
    }

    @Test
    void readsA95StandbyWithRecoveryConf() {
        OsReport r = Fixtures.osReport("os-95-standby.txt", 905);
        assertEquals(Optional.of(905), r.dataDir().pgVersion());
        assertEquals(Optional.of("9.5.25"), r.installedVersion());
        assertTrue(r.dataDir().recoveryConf());
        String rec = r.file("/var/lib/postgresql/9.5/main/recovery.conf").content().orElseThrow();
        assertFalse(rec.contains("hunter2"));
    }

    @Test
    void refusesOutputThatIsNotTheScripts() {
        EngineException e = assertThrows(EngineException.class,
                () -> OsReportParser.parse("bash: command not found\n", DATA, "/usr/lib/postgresql/15/bin"));
        assertTrue(e.getMessage().contains("printed no facts"));
    }

    @Test
    void readsThePostgresVersionLine() {
        assertEquals(Optional.of("9.6.24"), OsReportParser.postgresVersion("postgres (PostgreSQL) 9.6.24"));
        assertEquals(Optional.of("17beta1"), OsReportParser.postgresVersion("postgres (PostgreSQL) 17beta1"));
        assertEquals(Optional.empty(), OsReportParser.postgresVersion(""));
    }
}
