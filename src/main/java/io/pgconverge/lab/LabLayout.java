package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where everything of a lab lives and which addresses and ports its nodes use: node1..N on 127.0.0.11..,
 * PostgreSQL on 5441.., sshd on port 2222 of every node address.
 */
public record LabLayout(Path dir, int nodeCount) {
    public static final Path DEFAULT_DIR = Path.of("/tmp/pgconverge-lab");
    public static final String DIR_ENV = "PGCONVERGE_LAB_DIR";
    public static final int SSH_PORT = 2222;
    public static final int FIRST_PG_PORT = 5441;
    public static final int FIRST_ADDRESS_OCTET = 11;
    public static final int MAX_NODES = 99;
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._/+-]*");

    public LabLayout {
        dir = dir.toAbsolutePath().normalize();
        if (!SAFE_PATH.matcher(dir.toString()).matches()) {
            throw new EngineException("lab directory " + dir + " contains characters the lab cannot put in config"
                    + " files unquoted; use letters, digits and . _ + - / only");
        }
        if (nodeCount < 1 || nodeCount > MAX_NODES) {
            throw new EngineException("the lab has 1 to " + MAX_NODES + " nodes, not " + nodeCount);
        }
    }

    /** The lab directory: the option if given, else $PGCONVERGE_LAB_DIR, else /tmp/pgconverge-lab. */
    public static Path chooseDir(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String fromEnv = env.get(DIR_ENV);
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_DIR : Path.of(fromEnv);
    }

    public List<LabNode> nodes() {
        List<LabNode> nodes = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            nodes.add(node(i));
        }
        return nodes;
    }

    public LabNode node(int index) {
        String name = "node" + index;
        return new LabNode(name, index, "127.0.0." + (FIRST_ADDRESS_OCTET + index - 1),
                FIRST_PG_PORT + index - 1, dir.resolve(name));
    }

    public LabLayout withNodes(int count) {
        return new LabLayout(dir, count);
    }

    public Path sshdDir() {
        return dir.resolve("sshd");
    }

    public Path sshdConfig() {
        return sshdDir().resolve("sshd_config");
    }

    public Path hostKey() {
        return sshdDir().resolve("ssh_host_ed25519_key");
    }

    public Path sshdPidFile() {
        return sshdDir().resolve("sshd.pid");
    }

    public Path sshdLog() {
        return sshdDir().resolve("sshd.log");
    }

    public Path authorizedKeys() {
        return sshdDir().resolve("authorized_keys");
    }

    public Path clientKey() {
        return dir.resolve("ssh").resolve("id_ed25519");
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    public Path inventory() {
        return dir.resolve("inventory.yml");
    }
}
