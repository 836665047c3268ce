package io.pgconverge.lab;

import java.nio.file.Path;

/**
 * One node of a lab: a Debian system at {@code address} in network namespace {@code namespace}, joined to the lab
 * bridge by the veth {@code hostLink}, its root filesystem an overlay mounted at {@code dir/root}. The pg paths are
 * the Debian ones inside the node; {@link #onHost} maps any of them to where the lab machine sees it.
 */
public record LabNode(String name, int index, String address, String namespace, String hostLink, Path dir,
                      int pgVersion) {
    public static final int SSH_PORT = 22;
    public static final int PG_PORT = 5432;

    public int port() {
        return PG_PORT;
    }

    public Path root() {
        return dir.resolve("root");
    }

    public Path upperDir() {
        return dir.resolve("upper");
    }

    public Path workDir() {
        return dir.resolve("work");
    }

    /**
     * Where the lab machine sees a path of the node. Symbolic links inside the node are not followed as the node
     * would: {@code /var/run} there is a link to {@code /run}, which on the machine is the machine's own; use
     * paths without links (such as {@code /run/postgresql}).
     */
    public Path onHost(Path inNode) {
        return root().resolve(Path.of("/").relativize(inNode));
    }

    public Path dataDir() {
        return Path.of("/var/lib/postgresql", Integer.toString(pgVersion), "main");
    }

    public Path confDir() {
        return Path.of("/etc/postgresql", Integer.toString(pgVersion), "main");
    }

    public Path binDir() {
        return Path.of("/usr/lib/postgresql", Integer.toString(pgVersion), "bin");
    }

    public Path runDir() {
        return Path.of("/var/run/postgresql");
    }

    public Path configFile() {
        return confDir().resolve("postgresql.conf");
    }

    public Path hbaFile() {
        return confDir().resolve("pg_hba.conf");
    }

    public Path pidFile() {
        return dataDir().resolve("postmaster.pid");
    }

    public Path logFile() {
        return Path.of("/var/log/postgresql", "postgresql-" + pgVersion + "-main.log");
    }

    Path sshdPidFile() {
        return Path.of("/run/sshd.pid");
    }
}
