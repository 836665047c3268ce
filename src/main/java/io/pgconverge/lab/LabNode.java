package io.pgconverge.lab;

import java.nio.file.Path;

/**
 * One lab node and where its files live, Debian-shaped: {@code data} (data directory), {@code conf}
 * (postgresql.conf, pg_hba.conf, pg_ident.conf, the server log), {@code run} (socket directory).
 */
public record LabNode(String name, int index, String address, int port, Path dir) {
    public Path dataDir() {
        return dir.resolve("data");
    }

    public Path confDir() {
        return dir.resolve("conf");
    }

    public Path runDir() {
        return dir.resolve("run");
    }

    public Path configFile() {
        return confDir().resolve("postgresql.conf");
    }

    public Path hbaFile() {
        return confDir().resolve("pg_hba.conf");
    }

    public Path identFile() {
        return confDir().resolve("pg_ident.conf");
    }

    public Path logFile() {
        return confDir().resolve("postgresql.log");
    }

    public Path pidFile() {
        return dataDir().resolve("postmaster.pid");
    }
}
