package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cache of Debian bases under /var/cache/pgconverge/bases. A base is built by debootstrap into a temporary
 * directory, finished (its pristine cluster {@code <ver>/main} listening on '*', the admin user {@code ops}, no
 * host keys: each node makes its own), and renamed to its final name only then, so a half-built base is never
 * used: it is removed and built again. Builds of one machine take turns through a lock file.
 */
final class BaseCache {
    static final String ADMIN = "ops";
    private static final Duration DEBOOTSTRAP_TIMEOUT = Duration.ofMinutes(30);
    private final CommandRunner runner;
    private final Mounts mounts;

    BaseCache(CommandRunner runner) {
        this.runner = runner;
        this.mounts = new Mounts(runner);
    }

    /** The finished base of {@code spec}, and whether this call built it. */
    record Base(Path dir, boolean built) {
    }

    Base ensure(BaseSpec spec) {
        if (Files.isDirectory(spec.dir())) {
            return new Base(spec.dir(), false);
        }
        try {
            Files.createDirectories(BaseSpec.CACHE_DIR);
            try (FileChannel lock = FileChannel.open(BaseSpec.CACHE_DIR.resolve(".build.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); var held = lock.lock()) {
                if (Files.isDirectory(spec.dir())) {
                    return new Base(spec.dir(), false);
                }
                build(spec);
                return new Base(spec.dir(), true);
            }
        } catch (IOException e) {
            throw new EngineException("cannot build the Debian base " + spec.dir() + ": " + e.getMessage(), e);
        }
    }

    private void build(BaseSpec spec) throws IOException {
        if (!CommandRunner.available("debootstrap")) {
            throw new EngineException("debootstrap is missing; install it with scripts/install-deps"
                    + " (apt-get install debootstrap)");
        }
        Path tmp = BaseSpec.CACHE_DIR.resolve("." + spec.name() + ".partial");
        removeTree(tmp);
        runner.require(spec.debootstrapCommand(tmp, AptMirror.ofThisMachine()), "", DEBOOTSTRAP_TIMEOUT,
                "debootstrap of " + spec.release().codename());
        mounts.mountInner(tmp);
        try {
            finish(tmp, spec.release().pgVersion());
        } finally {
            mounts.unmountAll(tmp);
        }
        Files.move(tmp, spec.dir(), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Gives the fresh base its pristine cluster, listening on every address, and the admin user. */
    private void finish(Path root, int version) throws IOException {
        String v = Integer.toString(version);
        if (!Files.exists(root.resolve("var/lib/postgresql/" + v + "/main/PG_VERSION"))) {
            inRoot(root, List.of("sh", "-c", "pg_dropcluster " + v + " main 2>/dev/null; pg_createcluster --locale"
                    + " C.UTF-8 " + v + " main"), "pg_createcluster " + v + " main");
        }
        Path conf = root.resolve("etc/postgresql/" + v + "/main/postgresql.conf");
        String text = Files.readString(conf).replaceFirst("(?m)^#?listen_addresses\\s*=\\s*'[^']*'",
                "listen_addresses = '*'").replaceFirst("(?m)^#?port\\s*=\\s*\\d+", "port = 5432");
        Files.writeString(conf, text);
        inRoot(root, List.of("useradd", "--create-home", "--groups", "sudo", "--shell", "/bin/bash",
                "--password", "*", ADMIN), "useradd " + ADMIN);
        inRoot(root, List.of("sh", "-c", "rm -f /etc/ssh/ssh_host_*; apt-get clean"), "clean the base");
    }

    private void inRoot(Path root, List<String> argv, String what) {
        List<String> c = new ArrayList<>(List.of("chroot", root.toString()));
        c.addAll(argv);
        runner.require(c, "", Duration.ofMinutes(5), what);
    }

    private void removeTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        mounts.unmountAll(dir);
        runner.require(List.of("rm", "-rf", "--one-file-system", dir.toString()), "remove " + dir);
    }
}
