package io.pgconverge.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The command lines that build, enter and cut off lab nodes, as values (nothing runs here): a node is entered as
 * {@code ip netns exec NS unshare --uts chroot ROOT} with its own hostname; its network is a veth to the bridge.
 */
public final class NodeCommands {
    private NodeCommands() {
    }

    /** Runs {@code argv} inside the node, as root, in its namespace and root filesystem, under its hostname. */
    public static List<String> inNode(LabNode node, List<String> argv) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", node.namespace(), "unshare", "--uts",
                "chroot", node.root().toString(), "/bin/sh", "-c",
                "echo " + node.name() + " > /proc/sys/kernel/hostname && exec \"$@\"", "sh"));
        c.addAll(argv);
        return c;
    }

    /** Runs {@code argv} inside the node as {@code user} (through runuser, which needs no password). */
    public static List<String> inNodeAs(LabNode node, String user, List<String> argv) {
        List<String> c = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        c.addAll(argv);
        return inNode(node, c);
    }

    /** The lab machine's side: the bridge at 127.1.K.254 and the local route that sends 127.1.K.0/24 to it. */
    static List<List<String>> bridge(LabLayout layout) {
        String br = layout.bridge();
        return List.of(
                List.of("ip", "addr", "replace", layout.bridgeAddress() + "/24", "dev", br),
                List.of("ip", "link", "set", br, "up"),
                List.of("sysctl", "-q", "-w", "net.ipv4.conf." + br + ".route_localnet=1"),
                List.of("ip", "route", "replace", layout.subnet(), "dev", br, "src", layout.bridgeAddress(),
                        "table", "local"));
    }

    /** Plugs an existing namespace's veth into the bridge and gives the node its address; each step idempotent. */
    static List<List<String>> nodeNetwork(LabLayout layout, LabNode node) {
        String ns = node.namespace();
        String link = node.hostLink();
        return List.of(
                List.of("ip", "link", "set", link, "master", layout.bridge(), "up"),
                List.of("sysctl", "-q", "-w", "net.ipv4.conf." + link + ".route_localnet=1"),
                List.of("ip", "-n", ns, "link", "set", "lo", "up"),
                List.of("ip", "-n", ns, "addr", "replace", "127.0.0.1/32", "dev", "lo"),
                List.of("ip", "-n", ns, "addr", "replace", node.address() + "/24", "dev", "eth0"),
                List.of("ip", "-n", ns, "link", "set", "eth0", "up"),
                List.of("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv4.conf.all.route_localnet=1",
                        "net.ipv4.conf.eth0.route_localnet=1"));
    }

    /**
     * The cable: a veth pair whose node side, eth0, has a MAC address fixed by subnet and node, so that a rebuilt
     * node keeps the address its peers' ARP caches hold for it.
     */
    static List<String> addVeth(LabLayout layout, LabNode node) {
        String mac = String.format("02:00:7f:01:%02x:%02x", layout.settings().subnet(), node.index());
        return List.of("ip", "link", "add", node.hostLink(), "type", "veth", "peer", "name", "eth0", "address", mac,
                "netns", node.namespace());
    }

    /** Narrows the node's loopback to 127.0.0.1/32 so that the rest of 127/8 leaves through eth0. */
    static List<String> narrowLoopback(LabNode node) {
        return List.of("ip", "-n", node.namespace(), "addr", "del", "127.0.0.1/8", "dev", "lo");
    }

    /** Pulls (false) or plugs back (true) the node's cable: its veth on the lab machine's side. */
    public static List<String> cable(LabNode node, boolean up) {
        return List.of("ip", "link", "set", node.hostLink(), up ? "up" : "down");
    }

    static List<String> overlayMount(LabNode node, java.nio.file.Path base) {
        return List.of("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + base + ",upperdir=" + node.upperDir()
                + ",workdir=" + node.workDir(), node.root().toString());
    }
}
