package io.pgconverge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A PostgreSQL server of {@link ServerBinaries} in a scratch directory of this machine, run by pg_ctl as the
 * dedicated OS user {@value #OS_USER} (PostgreSQL refuses to run as root), listening on 127.0.0.1 and a socket in
 * the scratch directory. Ports come from 55400-55499, which nothing else on the machine uses. {@link #close} stops
 * the server this object started, by its data directory; nothing else is ended.
 */
public final class ScratchServer implements AutoCloseable {
    public static final String OS_USER = "pgconverge-it";
    public static final int FIRST_PORT = 55400;
    private static final String PSQL = "/usr/bin/psql";
    private final ServerBinaries binaries;
    private final Path data;
    private final Path socketDir;
    private final int port;

    public ScratchServer(ServerBinaries binaries, Path data, int port) {
        if (port < FIRST_PORT || port > FIRST_PORT + 99) {
            throw new IllegalArgumentException("scratch servers use ports 55400-55499, not " + port);
        }
        this.binaries = binaries;
        this.data = data;
        this.socketDir = data.getParent();
        this.port = port;
    }

    /** A new directory under /tmp owned by {@value #OS_USER}, made on first use with useradd. */
    public static Path scratchDir(String prefix) {
        ensureOsUser();
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), prefix);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Commands.run(List.of("chown", OS_USER + ":" + OS_USER, dir.toString()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void ensureOsUser() {
        try {
            Commands.run(List.of("id", "-u", OS_USER));
        } catch (IllegalStateException absent) {
            Commands.run(List.of("useradd", "--system", "--user-group", "--no-create-home", "--home-dir",
                    "/nonexistent", "--shell", "/usr/sbin/nologin", OS_USER));
        }
    }

    /** A directory of {@value #OS_USER}'s. */
    public static Path ownedDirectory(Path dir) {
        runAsOsUser(List.of(), List.of("mkdir", "-p", dir.toString()));
        return dir;
    }

    /** Runs {@code command} as {@value #OS_USER}, with {@code env} (NAME=value) in its environment. */
    public static String runAsOsUser(List<String> env, List<String> command) {
        List<String> line = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--", "env"));
        line.addAll(env);
        line.addAll(command);
        return Commands.run(line);
    }

    public Path data() {
        return data;
    }

    public int port() {
        return port;
    }

    public void initdb() {
        runAsOsUser(List.of(), List.of(binaries.bin("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C", "-N"));
    }

    /** Writes a file of the data directory, owned by {@value #OS_USER}, readable by it only. */
    public void write(String name, String content) {
        writeOwned(data.resolve(name), content);
    }

    /** Writes {@code file}, owned by {@value #OS_USER}, readable by it only. */
    public static void writeOwned(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            Commands.run(List.of("chown", OS_USER + ":" + OS_USER, file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void append(String name, String line) {
        try {
            Files.writeString(data.resolve(name), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server and waits until it accepts connections; fails with the end of its log when it does not. */
    public void start() {
        try {
            pgCtl("-o", "-p " + port + " -k " + socketDir, "-l", log().toString(), "-w", "-t", "300", "start");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\nserver log:\n" + logTail(), e);
        }
    }

    public void stop() {
        pgCtl("-m", "fast", "-w", "-t", "300", "stop");
    }

    public boolean running() {
        return Files.exists(data.resolve("postmaster.pid"));
    }

    /** The server's log: what a failed start said. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Runs SQL as the superuser over the socket (psql of this machine); the output unaligned, tuples only. */
    public String sql(String sql) {
        return Commands.run(List.of(PSQL, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-h", socketDir.toString(),
                "-p", Integer.toString(port), "-U", "postgres", "-d", "postgres", "-f", "-"), sql).strip();
    }

    /** The value of {@code SHOW name}. */
    public String show(String name) {
        return sql("SHOW " + name);
    }

    /** Polls {@code sql} until its result satisfies {@code done}; fails with the last result after {@code limit}. */
    public String await(String sql, Predicate<String> done, Duration limit) {
        Instant end = Instant.now().plus(limit);
        String last = "";
        while (Instant.now().isBefore(end)) {
            try {
                last = sql(sql);
                if (done.test(last)) {
                    return last;
                }
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            sleep();
        }
        throw new AssertionError("after " + limit + " on port " + port + ", " + sql + " still gives: " + last);
    }

    @Override
    public void close() {
        if (running()) {
            stop();
        }
    }

    private Path log() {
        return socketDir.resolve(data.getFileName() + ".log");
    }

    private void pgCtl(String... args) {
        List<String> command = new ArrayList<>(List.of(binaries.bin("pg_ctl").toString(), "-D", data.toString()));
        command.addAll(List.of(args));
        runAsOsUser(List.of(), command);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
