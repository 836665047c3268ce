package io.pgconverge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies of the lab inventory for tests. */
final class LabInventories {
    static final String DEAD_ADDRESS = "127.0.0.99";

    private LabInventories() {
    }

    /** The lab inventory with a fourth host, node4 at 127.0.0.99 (ssh port 2222), laid out like the others. */
    static Path withDeadHost(Path labInventory, Path dir) throws IOException {
        String text = Files.readString(labInventory);
        String marker = "\n      vars:\n";
        if (text.indexOf(marker) < 0 || text.indexOf(marker) != text.lastIndexOf(marker)) {
            throw new IllegalStateException("unexpected lab inventory layout:\n" + text);
        }
        String node3 = text.substring(text.indexOf("        node3:\n"), text.indexOf(marker) + 1);
        String node4 = node3.replace("node3", "node4").replaceAll("ansible_host: 127\\.1\\.\\d+\\.3\n",
                "ansible_host: " + DEAD_ADDRESS + "\n").replace("ansible_port: 22\n", "ansible_port: 2222\n");
        Path copy = dir.resolve("inventory-with-dead-host.yml");
        Files.writeString(copy, text.replace(marker, "\n" + node4.stripTrailing() + marker));
        return copy;
    }

    /** The lab inventory with every node at 127.0.0.99:2222, where nothing listens. */
    static Path allDead(Path labInventory, Path dir) throws IOException {
        String text = Files.readString(labInventory).replaceAll("ansible_host: 127\\.1\\.\\d+\\.\\d+",
                "ansible_host: " + DEAD_ADDRESS).replace("ansible_port: 22\n", "ansible_port: 2222\n");
        return Files.writeString(dir.resolve("inventory-all-dead.yml"), text);
    }
}
