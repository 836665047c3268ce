package io.pgconverge.facts;

import io.pgconverge.testing.Commands;

import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.ServiceManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL 15 server of its own for integration tests, in a directory of its own, started and stopped with
 * pg_ctl as the postgres OS user. Needs root (for runuser) and the Debian PostgreSQL 15 packages.
 */
public final class ThrowawayServer {
    /** The newest installed PostgreSQL's binaries (Debian layout), as the lab picks them. */
    public static final String BIN = newestBinDir();
    public static final String ADDRESS = "127.0.0.77";
    public final Path dir;
    public final Path data;
    public final Path run;
    public final int port;

    public ThrowawayServer(Path dir, String name, int port) {
        this.dir = dir;
        this.data = dir.resolve(name);
        this.run = dir.resolve("run");
        this.port = port;
    }

    private static String newestBinDir() {
        try (java.util.stream.Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .max(java.util.Comparator.comparingDouble(p -> Double.parseDouble(p.getFileName().toString())))
                    .map(p -> p.resolve("bin").toString()).orElse("/usr/lib/postgresql/15/bin");
        } catch (IOException e) {
            return "/usr/lib/postgresql/15/bin";
        }
    }

    public static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of(BIN, "initdb"));
    }

    /** initdb with peer for local connections, listening on 127.0.0.77 and a socket in the test directory. */
    public void init() throws IOException {
        makeOwnedDir(run);
        makeOwnedDir(data);
        asPostgres(BIN + "/initdb", "-D", data.toString(), "--auth-local=peer", "--auth-host=scram-sha-256");
        appendConf("listen_addresses = '" + ADDRESS + "'\nport = " + port + "\nunix_socket_directories = '" + run
                + "'\nwal_level = replica\n");
    }

    /** A base backup of {@code primary} with -R and a slot, as this server's data directory. */
    public void baseBackupFrom(ThrowawayServer primary, String slot) throws IOException {
        makeOwnedDir(data);
        run("chmod", "700", data.toString());
        asPostgres(BIN + "/pg_basebackup", "-h", primary.run.toString(), "-p", Integer.toString(primary.port),
                "-D", data.toString(), "-X", "stream", "-R", "-C", "-S", slot, "--checkpoint=fast");
        appendConf("port = " + port + "\n");
    }

    public void appendConf(String lines) throws IOException {
        Files.writeString(data.resolve("postgresql.conf"), lines, StandardOpenOption.APPEND);
    }

    public void start() {
        asPostgres(BIN + "/pg_ctl", "-D", data.toString(), "-l", run.resolve(data.getFileName() + ".log").toString(),
                "-w", "start");
    }

    public void stop() {
        asPostgres(BIN + "/pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    public void stopIfRunning() {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                stop();
            } catch (RuntimeException e) {
                // already down
            }
        }
    }

    public void reload() {
        asPostgres(BIN + "/pg_ctl", "-D", data.toString(), "reload");
    }

    public void promote() {
        asPostgres(BIN + "/pg_ctl", "-D", data.toString(), "-w", "promote");
    }

    /** One value from psql over the socket, as postgres (peer). */
    public String psql(String sql) {
        return asPostgres(BIN + "/psql", "-X", "-A", "-t", "-h", run.toString(), "-p", Integer.toString(port),
                "-d", "postgres", "-c", sql).strip();
    }

    public long controlDataSystemIdentifier() {
        String out = asPostgres(BIN + "/pg_controldata", data.toString());
        return ControlData.parse(out).systemIdentifier().orElseThrow();
    }

    Host host(String name) {
        PgLayout layout = new PgLayout(15, port, data.toString(), BIN, data.toString(), ServiceManager.PG_CTL,
                run.toString());
        return Fixtures.host(name, ADDRESS, ConnectionKind.LOCAL, layout);
    }

    private static void makeOwnedDir(Path p) throws IOException {
        Files.createDirectories(p);
        run("chown", "postgres:postgres", p.toString());
    }

    public static String asPostgres(String... command) {
        List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--", "env", "LC_ALL=C"));
        c.addAll(List.of(command));
        return run(c.toArray(String[]::new));
    }

    public static String run(String... command) {
        return Commands.run(List.of(command));
    }
}
