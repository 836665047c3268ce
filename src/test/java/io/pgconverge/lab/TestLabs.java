package io.pgconverge.lab;

import io.pgconverge.lab.LabExtension.RunningLab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The labs of one test run. Lab nodes have fixed addresses and ports, so one lab runs at a time: a fresh lab first
 * stops the one before it (and a lab left running in the default directory, e.g. by the demo) with lab down. The
 * test labs live in directories of their own under /tmp; each is stopped and removed when the next one starts or
 * the run ends. The default lab directory is stopped, never removed. Test runs on one machine take turns through a
 * file lock held for the whole run.
 */
public final class TestLabs {
    private static final Path ROOT = Path.of("/tmp");
    private static final Path RUN_LOCK = ROOT.resolve("pgconverge-test-labs.lock");
    private static java.nio.channels.FileChannel runLock;
    private static Lab current;
    private static Path currentDir;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestLabs::retireCurrent, "test-lab-cleanup"));
    }

    private TestLabs() {
    }

    /** Stops whatever lab runs and starts a new one with {@code nodes} fresh nodes. */
    public static synchronized RunningLab fresh(int nodes) {
        holdRunLock();
        retireCurrent();
        if (Files.isDirectory(LabLayout.DEFAULT_DIR.resolve("sshd"))) {
            Lab.at(LabLayout.DEFAULT_DIR).down();
        }
        Path dir = newDir();
        Lab lab = Lab.at(dir);
        current = lab;
        currentDir = dir;
        LabReport report;
        try {
            report = lab.up(nodes);
        } catch (RuntimeException e) {
            // the previous lab's processes may take a moment to release the addresses after lab down
            lab.down();
            sleep(3000);
            report = lab.up(nodes);
        }
        return new RunningLab(lab, new LabLayout(dir, nodes), report.status(), PgInstall.locate(CommandRunner.plain()));
    }

    /** Test runs of several work trees on one machine take turns: the lab addresses exist once. */
    private static void holdRunLock() {
        if (runLock != null) {
            return;
        }
        try {
            runLock = java.nio.channels.FileChannel.open(RUN_LOCK, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE);
            runLock.lock();
            removeLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Test labs a run that was killed left behind: with the run lock held, none of them is in use. */
    private static void removeLeftovers() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path dir : dirs.filter(p -> p.getFileName().toString().startsWith("pgconverge-it-")).toList()) {
                try {
                    Lab.at(dir).down();
                } catch (RuntimeException e) {
                    // a lab that never came up has nothing to stop
                }
                removeTree(dir);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path newDir() {
        try {
            Path dir = Files.createTempDirectory(ROOT, "pgconverge-it-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void retireCurrent() {
        if (current == null) {
            return;
        }
        current.down();
        removeTree(currentDir);
        current = null;
        currentDir = null;
    }

    /** Removes a test lab's own directory, which this class created; refuses anything else. */
    private static void removeTree(Path dir) {
        if (!dir.getFileName().toString().startsWith("pgconverge-it-") || !dir.getParent().equals(ROOT)) {
            throw new IllegalStateException("not a test lab directory: " + dir);
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
