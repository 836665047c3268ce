package io.pgconverge.facts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facts script, run by bash here, reports a directory the playbook names: existence, owner and mode. */
class ArchiveDirFactTest {
    @Test
    void aNamedDirectoryIsReportedWithOwnerAndMode(@TempDir Path tmp) throws Exception {
        Path archive = Files.createDirectory(tmp.resolve("wal archive"));
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rwx------"));
        String missing = tmp.resolve("missing").toString();
        OsReport report = OsReportParser.parse(run(OsFactsScript.of(Fixtures.debian(15),
                List.of(archive.toString(), missing))), "/nonexistent/data", "/nonexistent/bin");
        FileFact dir = report.file(archive.toString());
        assertTrue(dir.exists());
        assertEquals("0700", dir.mode());
        assertEquals(System.getProperty("user.name"), dir.owner());
        assertEquals(java.util.Optional.empty(), dir.content());
        assertFalse(report.file(missing).exists());
        assertTrue(report.files().containsKey(missing), "an absent directory is still a fact");
    }

    private static String run(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-s").redirectErrorStream(false).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        return out;
    }
}
