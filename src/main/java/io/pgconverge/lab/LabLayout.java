package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where everything of a lab lives and how its network is named: nodes node1..N at 127.1.K.N (K the subnet index),
 * namespaces pgcK-nodeN, the bridge pgclabK at 127.1.K.254, node files under {@code dir/nodeN}.
 */
public record LabLayout(Path dir, LabSettings settings) {
    public static final Path DEFAULT_DIR = Path.of("/tmp/pgconverge-lab");
    public static final String DIR_ENV = "PGCONVERGE_LAB_DIR";
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._/+-]*");

    public LabLayout {
        dir = dir.toAbsolutePath().normalize();
        if (!SAFE_PATH.matcher(dir.toString()).matches()) {
            throw new EngineException("lab directory " + dir + " contains characters the lab cannot put in mount"
                    + " options and config files unquoted; use letters, digits and . _ + - / only");
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

    public int nodeCount() {
        return settings.nodes();
    }

    public List<LabNode> nodes() {
        List<LabNode> nodes = new ArrayList<>();
        for (int i = 1; i <= settings.nodes(); i++) {
            nodes.add(node(i));
        }
        return nodes;
    }

    public LabNode node(int index) {
        String name = "node" + index;
        int k = settings.subnet();
        return new LabNode(name, index, subnetPrefix() + index, "pgc" + k + "-" + name, "pgc" + k + "h" + index,
                dir.resolve(name), settings.pgVersionOf(name));
    }

    public LabNode node(String name) {
        return nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new EngineException("the lab has no node " + name));
    }

    /** 127.1.K. */
    public String subnetPrefix() {
        return "127.1." + settings.subnet() + ".";
    }

    public String subnet() {
        return subnetPrefix() + "0/24";
    }

    public String bridge() {
        return "pgclab" + settings.subnet();
    }

    /** The lab machine's own address on the bridge. */
    public String bridgeAddress() {
        return subnetPrefix() + "254";
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

    public Path becomePassword() {
        return dir.resolve("become.pw");
    }

    Path settingsFile() {
        return dir.resolve("lab.properties");
    }

    Path lockFile() {
        return dir.resolve("lab.lock");
    }

    /** The node whose sudo asks for the admin's password (node2), so that become with a password is exercised. */
    public static boolean sudoNeedsPassword(LabNode node) {
        return node.index() == 2;
    }
}
