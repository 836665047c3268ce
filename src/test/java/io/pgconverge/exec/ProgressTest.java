package io.pgconverge.exec;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The share of a base backup done, read from the lines pg_basebackup -P prints (as the lab's apply shows them). */
class ProgressTest {
    @Test
    void aProgressReportGivesKilobytesAndPercent() {
        Progress p = Progress.ofBaseBackup("  23456/123456 kB (19%), 0/1 tablespace\n");
        assertEquals("23456/123456 kB (19%), 0/1 tablespace", p.text());
        assertEquals(Optional.of(new Progress.Share(23456, 123456, 19)), p.share());
    }

    @Test
    void theFirstAndTheLastReportOfARealBackupAndTheVerboseFormWithAFileName() {
        assertEquals(new Progress.Share(0, 22916, 0),
                Progress.ofBaseBackup("    0/22916 kB (0%), 0/1 tablespace").share().orElseThrow());
        assertEquals(new Progress.Share(22916, 22916, 100),
                Progress.ofBaseBackup("22916/22916 kB (100%), 1/1 tablespace").share().orElseThrow());
        assertEquals(new Progress.Share(5132, 30445, 16), Progress.ofBaseBackup(
                " 5132/30445 kB (16%), 0/2 tablespaces (...ostgresql/15/main/base/5/1259)").share().orElseThrow());
    }

    @Test
    void otherLinesAreNotesWithoutAShare() {
        for (String line : new String[] {"waiting for checkpoint", "pg_basebackup: error: could not connect",
                "ending pg_basebackup (pid 42), left running by an interrupted apply", "1.2G", ""}) {
            assertEquals(Optional.empty(), Progress.ofBaseBackup(line).share(), line);
        }
        assertEquals(Optional.empty(), Progress.note("19/100 kB (19%), 0/1 tablespace").share());
    }
}
