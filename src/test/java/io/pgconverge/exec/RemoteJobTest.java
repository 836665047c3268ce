package io.pgconverge.exec;

import io.pgconverge.model.Intent;
import io.pgconverge.model.NodePaths;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.ServiceManager;
import io.pgconverge.transport.CommandResult;
import io.pgconverge.transport.LocalRemoteShell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The script around long remote commands, run by a real bash. */
class RemoteJobTest {
    private static final String SECRET = "s3cr'et:pass";

    private static NodePaths paths(Path dir) {
        return NodePaths.of(new PgLayout(15, 5432, dir.resolve("data").toString(), "/usr/bin", dir.toString(),
                ServiceManager.PG_CTL, dir.toString()));
    }

    private static boolean anyFileHolds(Path dir, String text) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (Files.readString(f, StandardCharsets.ISO_8859_1).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void theCommandReadsThePasswordFromAnUnlinkedFileAndTheMarkerSaysHowFarItGot(@TempDir Path dir) throws Exception {
        NodePaths paths = paths(dir);
        Intent intent = new Intent(Intent.Action.BASE_BACKUP, "node1", Intent.Stage.COPYING);
        String script = new RemoteJob(paths).intent(intent).secret(dir + "/x.pgpass", SECRET)
                .job("reader", "cat /dev/fd/3; stat -L -c %a /dev/fd/3; ls " + dir)
                .intent(intent.at(Intent.Stage.COPIED)).script();
        CommandResult r = new LocalRemoteShell("n", (String) null).run(script, Duration.ofSeconds(30));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith(SECRET + "600\n"), r.stdout());
        assertFalse(r.stdout().contains("x.pgpass"), "the passfile had no name while the command ran: " + r.stdout());
        assertFalse(script.lines().filter(l -> l.contains("setsid")).anyMatch(l -> l.contains("s3cr")));
        assertFalse(anyFileHolds(dir, "s3cr"));
        assertEquals(intent.at(Intent.Stage.COPIED).text(), Files.readString(Path.of(paths.intent())));
        assertFalse(Files.exists(Path.of(paths.jobPidFile())), "the pid file goes with the job");
    }

    @Test
    void aFailingCommandFailsTheScriptBeforeTheStepsAfterIt(@TempDir Path dir) {
        String script = new RemoteJob(paths(dir)).job("fails", "exit 3").then("echo AFTER").script();
        CommandResult r = new LocalRemoteShell("n", (String) null).run(script, Duration.ofSeconds(30));
        assertEquals(3, r.exitCode());
        assertFalse(r.stdout().contains("AFTER"));
    }

    @Test
    void theJobEndsWhenTheSessionGoesAndTheNextRunEndsALeftover(@TempDir Path dir) throws Exception {
        NodePaths paths = paths(dir);
        Path started = dir.resolve("started");
        String script = new RemoteJob(paths).job("sleeper", "touch " + started + "; exec sleep 300").script();
        Process session = new ProcessBuilder("bash", "-c", "bash -s; true").start();
        try (OutputStream in = session.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        }
        long job = awaitJob(paths, started);
        session.destroyForcibly();
        assertTrue(gone(job, Duration.ofSeconds(30)), "the job outlived its session");

        String orphan = new RemoteJob(paths).job("orphan", "touch " + started + "; exec sleep 300").script()
                .replace("WATCH=$!", "kill $WATCH; WATCH=$!");
        Files.delete(started);
        Process unwatched = new ProcessBuilder("bash", "-c", "bash -s; true").start();
        try (OutputStream in = unwatched.getOutputStream()) {
            in.write(orphan.getBytes(StandardCharsets.UTF_8));
        }
        long left = awaitJob(paths, started);
        unwatched.destroyForcibly();
        CommandResult r = new LocalRemoteShell("n", (String) null).run(new RemoteJob(paths).job("next", "true").script(),
                Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("ending orphan (pid " + left + ")"), r.stdout());
        assertTrue(gone(left, Duration.ofSeconds(1)));
    }

    private static long awaitJob(NodePaths paths, Path started) throws Exception {
        Path pidFile = Path.of(paths.jobPidFile());
        for (int i = 0; i < 100 && !(Files.exists(started) && Files.exists(pidFile)
                && Files.readString(pidFile).contains("what=")); i++) {
            Thread.sleep(100);
        }
        String text = Files.readString(pidFile);
        return Long.parseLong(text.lines().filter(l -> l.startsWith("pid=")).findFirst().orElseThrow().substring(4));
    }

    private static boolean gone(long pid, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
