package io.pgconverge.lab;

import io.pgconverge.lab.LabExtension.RunningLab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The labs of one test run. Test labs live on subnet {@value #SUBNET} (127.1.1.N, bridge pgclab1), apart from the
 * demo's default lab (127.1.0.N), which they never touch. Each test lab is a directory of its own under /tmp whose
 * nodes start as fresh overlays over the cached Debian base; it is taken down and removed (never the base) when the
 * next one starts or the run ends. Test runs of all work trees on one machine take turns through a file lock held
 * for the whole run, since the test subnet exists once.
 */
public final class TestLabs {
    /** 1 unless {@code -Dpgconverge.it.subnet=K}: work trees testing at once each take a subnet of their own. */
    public static final int SUBNET = Integer.getInteger("pgconverge.it.subnet", 1);
    /** Unlike the directories of earlier test labs (pgconverge-it-), which their own clean-up walks and deletes. */
    private static final String PREFIX = "pgconverge-labit" + (SUBNET == 1 ? "" : SUBNET) + "-";
    private static final Path ROOT = Path.of("/tmp");
    private static final Path RUN_LOCK = ROOT.resolve("pgconverge-test-labs" + (SUBNET == 1 ? "" : "-" + SUBNET)
            + ".lock");
    private static FileChannel runLock;
    private static Lab current;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestLabs::retireCurrent, "test-lab-cleanup"));
    }

    private TestLabs() {
    }

    /** Takes down the previous test lab and starts a new one with {@code nodes} fresh nodes. */
    public static RunningLab fresh(int nodes) {
        return fresh(nodes, Map.of());
    }

    /** As {@link #fresh(int)}, the nodes of {@code nodeVersions} with a major version of their own (a mixed lab). */
    public static synchronized RunningLab fresh(int nodes, Map<String, Integer> nodeVersions) {
        holdRunLock();
        retireCurrent();
        Lab lab = Lab.at(newDir());
        current = lab;
        LabReport report = lab.up(new LabSettings(nodes, pgVersion(), SUBNET, nodeVersions));
        return new RunningLab(lab, lab.layout(), report.status());
    }

    /**
     * The PostgreSQL major version of the test labs: {@code -Dpgconverge.it.pgVersion=N} (13, 15, 17 or 18; each is
     * the one a Debian release ships), 15 by default. scripts/test --all-versions runs the lifecycle on each.
     */
    public static int pgVersion() {
        return Integer.getInteger("pgconverge.it.pgVersion", LabSettings.DEFAULT_PG_VERSION);
    }

    private static void holdRunLock() {
        if (runLock != null) {
            return;
        }
        try {
            runLock = FileChannel.open(RUN_LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            runLock.lock();
            removeLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Test labs a run that was killed left behind: with the run lock held, none of them is in use. */
    private static void removeLeftovers() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path dir : dirs.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                retire(Lab.at(dir));
            }
        }
    }

    private static Path newDir() {
        try {
            Path dir = Files.createTempDirectory(ROOT, PREFIX);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void retireCurrent() {
        if (current != null) {
            retire(current);
            current = null;
        }
    }

    /** Takes the lab down with its data, then removes its directory, which must have nothing mounted below it. */
    private static void retire(Lab lab) {
        Path dir = lab.dir();
        if (!dir.getFileName().toString().startsWith(PREFIX) || !dir.getParent().equals(ROOT)) {
            throw new IllegalStateException("not a test lab directory: " + dir);
        }
        lab.down(true);
        if (Mounts.anyBelow(dir)) {
            throw new IllegalStateException("something is still mounted below " + dir + "; it is not removed");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
