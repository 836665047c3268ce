package io.pgconverge.it;

import io.pgconverge.lab.LabExtension;
import io.pgconverge.lab.LabExtension.RunningLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WAL archiving ({@code archive: dir}) on a fresh lab: the reference playbook with an archive makes the primary copy
 * every finished segment into the directory the engine made for it (owned by postgres, 0700) and gives the standbys
 * a restore_command; an archive directory moved away by hand, which makes archive_command fail, is made again by
 * the next apply and archiving resumes. Each step ends with an empty plan.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchiveIT {
    private static final String ARCHIVE = "/var/backups/pgsql/archive";
    private static final Duration ARCHIVED = Duration.ofSeconds(120);
    private static final long SEGMENT_BYTES = 16L * 1024 * 1024;
    private final CliProcess cli = new CliProcess();
    private RunningLab lab;
    private LabSql sql;
    private Path playbook;

    @BeforeAll
    void buildTheClusterWithAnArchive(RunningLab lab) throws IOException {
        this.lab = lab;
        this.sql = new LabSql(lab);
        playbook = Files.createTempFile("archive-playbook-", ".yml");
        Files.writeString(playbook, Files.readString(Path.of("playbooks/ha-cluster.yml"))
                + "\narchive:\n  dir: " + ARCHIVE + "\n  restore_on_standbys: true\n");
        CliProcess.Result apply = cli.run(playbook, lab, "apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
    }

    @Test
    @Order(1)
    void thePrimaryArchivesEachFinishedSegmentIntoTheDirectoryTheEngineMade() throws IOException {
        assertEquals("on|test ! -f " + ARCHIVE + "/%f && cp %p " + ARCHIVE + "/%f", sql.query("node1",
                "SELECT current_setting('archive_mode') || '|' || current_setting('archive_command')"));
        assertEquals("postgres 700", sql.rootShell("node1", "stat -c '%U %a' " + ARCHIVE + "\n"));
        String segment = switchSegment(1);
        sql.await("node1", "SELECT last_archived_wal FROM pg_stat_archiver", segment::equals, ARCHIVED);
        Path copy = sql.node("node1").onHost(Path.of(ARCHIVE, segment));
        assertEquals(SEGMENT_BYTES, Files.size(copy), copy.toString());
        assertEquals("0", sql.query("node1", "SELECT failed_count FROM pg_stat_archiver"));
    }

    @Test
    @Order(2)
    void standbysRestoreFromTheArchive() {
        for (String standby : List.of("node2", "node3")) {
            assertEquals("t|cp " + ARCHIVE + "/%f %p", sql.query(standby,
                    "SELECT pg_is_in_recovery(), current_setting('restore_command')"));
        }
        assertPlanEmpty();
    }

    @Test
    @Order(3)
    void anArchiveDirectoryMovedAwayByHandIsMadeAgainAndArchivingResumes() {
        sql.rootShell("node1", "mv " + ARCHIVE + " " + ARCHIVE + ".moved-by-hand\n");
        String failing = switchSegment(2);
        sql.await("node1", "SELECT failed_count > 0 AND last_failed_wal = '" + failing + "' FROM pg_stat_archiver",
                "t"::equals, ARCHIVED);
        List<String> tasks = ConfigApplyIT.changes(cli.run(playbook, lab, "plan", "--format", "json").out());
        assertEquals(List.of("node1/archive-dir"), tasks);
        CliProcess.Result apply = cli.run(playbook, lab, "apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        String next = switchSegment(3);
        sql.await("node1", "SELECT last_archived_wal FROM pg_stat_archiver", next::equals, ARCHIVED);
        assertTrue(Files.isRegularFile(sql.node("node1").onHost(Path.of(ARCHIVE, failing))),
                "the segment that failed is archived too");
        assertPlanEmpty();
    }

    /** Writes a row and switches to a new WAL segment; the name of the one it finished. */
    private String switchSegment(int row) {
        return sql.query("node1", "SET client_min_messages = warning;"
                + " CREATE TABLE IF NOT EXISTS archive_rows(id int); INSERT INTO archive_rows VALUES (" + row + ");"
                + " SELECT pg_walfile_name(pg_switch_wal())");
    }

    private void assertPlanEmpty() {
        CliProcess.Result plan = cli.run(playbook, lab, "plan", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), plan.all());
    }
}
