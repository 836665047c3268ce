package io.pgconverge.lab;

import java.util.List;

/**
 * The lab's network, built as the design measured: a bridge on the lab machine at 127.1.K.254 with a local route
 * for 127.1.K.0/24, and per node a network namespace whose eth0 (127.1.K.N/24) is a veth to the bridge. Every
 * address stays inside 127.0.0.0/8, so no packet can leave the machine.
 */
final class LabNetwork {
    private final LabLayout layout;
    private final CommandRunner runner;

    LabNetwork(LabLayout layout, CommandRunner runner) {
        this.layout = layout;
        this.runner = runner;
    }

    boolean bridgeExists() {
        return runner.run(List.of("ip", "link", "show", "dev", layout.bridge())).ok();
    }

    /** Creates the bridge when missing and (re)applies its address, route and sysctl; true when it created it. */
    boolean ensureBridge() {
        boolean created = false;
        if (!bridgeExists()) {
            runner.require(List.of("ip", "link", "add", layout.bridge(), "type", "bridge"), "create the bridge");
            created = true;
        }
        for (List<String> step : NodeCommands.bridge(layout)) {
            runner.require(step, "bridge " + layout.bridge());
        }
        return created;
    }

    boolean namespaceExists(LabNode node) {
        return runner.run(List.of("ip", "netns", "list")).stdout().lines()
                .anyMatch(l -> l.split(" ")[0].equals(node.namespace()));
    }

    /** True when the node's namespace has its address on eth0 and its veth is plugged into the bridge. */
    boolean complete(LabNode node) {
        if (!namespaceExists(node)) {
            return false;
        }
        String eth0 = runner.run(List.of("ip", "-n", node.namespace(), "-o", "addr", "show", "dev", "eth0")).stdout();
        String link = runner.run(List.of("ip", "-o", "link", "show", "dev", node.hostLink())).stdout();
        return eth0.contains(" " + node.address() + "/24 ") && link.contains(" master " + layout.bridge() + " ");
    }

    /** Builds the node's namespace and cable from nothing (whatever was half there is removed first). */
    void build(LabNode node) {
        remove(node);
        runner.require(List.of("ip", "netns", "add", node.namespace()), node.name() + ": ip netns add");
        runner.require(NodeCommands.addVeth(layout, node), node.name() + ": veth");
        runner.run(NodeCommands.narrowLoopback(node));
        for (List<String> step : NodeCommands.nodeNetwork(layout, node)) {
            runner.require(step, node.name() + ": network");
        }
    }

    /** Deletes the node's namespace (its veth goes with it) and a veth left without one. */
    void remove(LabNode node) {
        if (namespaceExists(node)) {
            runner.run(List.of("ip", "netns", "del", node.namespace()));
        }
        runner.run(List.of("ip", "link", "del", node.hostLink()));
    }

    /** Removes the local route and the bridge; true when there was a bridge. */
    boolean removeBridge() {
        runner.run(List.of("ip", "route", "del", layout.subnet(), "dev", layout.bridge(), "table", "local"));
        return bridgeExists() && runner.run(List.of("ip", "link", "del", layout.bridge())).ok();
    }

    void cable(LabNode node, boolean up) {
        runner.require(NodeCommands.cable(node, up), node.name() + ": cable " + (up ? "up" : "down"));
    }
}
