package io.pgconverge.lab;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeCommandsTest {
    private final LabLayout layout = new LabLayout(Path.of("/tmp/lab"), new LabSettings(3, 15, 2));
    private final LabNode node2 = layout.node(2);

    @Test
    void aNodeIsEnteredThroughItsNamespaceWithItsOwnHostnameAndRoot() {
        assertEquals(List.of("ip", "netns", "exec", "pgc2-node2", "unshare", "--uts", "chroot", "/tmp/lab/node2/root",
                "/bin/sh", "-c", "echo node2 > /proc/sys/kernel/hostname && exec \"$@\"", "sh", "pg_lsclusters"),
                NodeCommands.inNode(node2, List.of("pg_lsclusters")));
    }

    @Test
    void aCommandAsAnotherUserGoesThroughRunuserInsideTheNode() {
        List<String> c = NodeCommands.inNodeAs(node2, "postgres", List.of("psql", "-c", "SELECT 1"));
        assertEquals(List.of("runuser", "-u", "postgres", "--", "psql", "-c", "SELECT 1"), c.subList(12, c.size()));
    }

    @Test
    void theCableIsTheVethOnTheMachinesSide() {
        assertEquals(List.of("ip", "link", "set", "pgc2h2", "down"), NodeCommands.cable(node2, false));
        assertEquals(List.of("ip", "link", "set", "pgc2h2", "up"), NodeCommands.cable(node2, true));
    }

    @Test
    void aNodesEthernetAddressIsFixedBySubnetAndNode() {
        assertEquals(List.of("ip", "link", "add", "pgc2h2", "type", "veth", "peer", "name", "eth0", "address",
                "02:00:7f:01:02:02", "netns", "pgc2-node2"), NodeCommands.addVeth(layout, node2));
    }

    @Test
    void theOverlayStacksTheNodesUpperLayerOnTheBase() {
        assertEquals(List.of("mount", "-t", "overlay", "overlay", "-o", "lowerdir=/var/cache/b,upperdir="
                + "/tmp/lab/node2/upper,workdir=/tmp/lab/node2/work", "/tmp/lab/node2/root"),
                NodeCommands.overlayMount(node2, Path.of("/var/cache/b")));
    }

    @Test
    void everyAddressTheNetworkUsesIsInsideLoopback() {
        Pattern address = Pattern.compile("\\b(\\d+)\\.\\d+\\.\\d+\\.\\d+");
        List<List<String>> all = new java.util.ArrayList<>(NodeCommands.bridge(layout));
        all.addAll(NodeCommands.nodeNetwork(layout, node2));
        all.add(NodeCommands.narrowLoopback(node2));
        for (List<String> command : all) {
            Matcher m = address.matcher(String.join(" ", command));
            while (m.find()) {
                assertEquals("127", m.group(1), command.toString());
            }
        }
        assertTrue(all.contains(List.of("ip", "route", "replace", "127.1.2.0/24", "dev", "pgclab2", "src",
                "127.1.2.254", "table", "local")), all.toString());
        assertTrue(all.contains(List.of("ip", "-n", "pgc2-node2", "addr", "replace", "127.1.2.2/24", "dev", "eth0")));
    }
}
