package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The mounts of a node's root filesystem: the overlay over the shared base, with proc, a private /run (tmpfs, as
 * on a booted system) and the machine's /dev (bound as a slave, so that unmounting it never reaches the
 * machine's own /dev) inside. Reads /proc/self/mountinfo to know what is mounted.
 */
final class Mounts {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private final CommandRunner runner;

    Mounts(CommandRunner runner) {
        this.runner = runner;
    }

    /** Every mount point, in mount order. */
    static List<Path> mountPoints() {
        try {
            return Files.readAllLines(MOUNTINFO).stream().map(l -> l.split(" "))
                    .filter(f -> f.length > 4).map(f -> Path.of(unescape(f[4]))).toList();
        } catch (IOException e) {
            throw new EngineException("cannot read " + MOUNTINFO + ": " + e.getMessage(), e);
        }
    }

    static boolean mounted(Path p) {
        return mountPoints().contains(p.toAbsolutePath().normalize());
    }

    /** True when something is mounted at or below {@code dir}: such a directory must never be deleted. */
    static boolean anyBelow(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        return mountPoints().stream().anyMatch(m -> m.startsWith(d));
    }

    /** The root filesystem's inner mounts: proc, /run and /dev. */
    static List<Path> innerMounts(Path root) {
        return List.of(root.resolve("proc"), root.resolve("run"), root.resolve("dev"));
    }

    /** True when the overlay and all its inner mounts are there. */
    static boolean complete(Path root) {
        List<Path> points = mountPoints();
        return points.contains(root) && points.containsAll(innerMounts(root));
    }

    void mountInner(Path root) {
        List<Path> points = mountPoints();
        if (!points.contains(root.resolve("proc"))) {
            runner.require(List.of("mount", "-t", "proc", "proc", root.resolve("proc").toString()), "mount proc");
        }
        if (!points.contains(root.resolve("run"))) {
            runner.require(List.of("mount", "-t", "tmpfs", "-o", "mode=0755,nosuid,nodev", "tmpfs",
                    root.resolve("run").toString()), "mount /run");
        }
        if (!points.contains(root.resolve("dev"))) {
            runner.require(List.of("mount", "--rbind", "/dev", root.resolve("dev").toString()), "bind /dev");
            runner.require(List.of("mount", "--make-rslave", root.resolve("dev").toString()), "make /dev a slave");
        }
    }

    /** Unmounts everything at or below {@code root}, innermost first; the machine's own /dev is never touched. */
    void unmountAll(Path root) {
        Path r = root.toAbsolutePath().normalize();
        if (mountPoints().contains(r.resolve("dev"))) {
            runner.run(List.of("umount", "-R", r.resolve("dev").toString()));
        }
        List<Path> below = mountPoints().stream().filter(m -> m.startsWith(r)).toList();
        for (int i = below.size() - 1; i >= 0; i--) {
            if (!runner.run(List.of("umount", below.get(i).toString())).ok()) {
                runner.run(List.of("umount", "-l", below.get(i).toString()));
            }
        }
        if (anyBelow(r)) {
            throw new EngineException("cannot unmount everything below " + r + "; see findmnt -R " + r);
        }
    }

    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
