package io.pgconverge.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's secrets and trust, kept in the lab directory: the admin's ed25519 key ({@code ssh/id_ed25519}), the
 * sudo password of the node that asks for one ({@code become.pw}, 0600) and {@code known_hosts} with every node's
 * host key.
 */
final class LabKeys {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private final LabLayout layout;
    private final CommandRunner runner;

    LabKeys(LabLayout layout, CommandRunner runner) {
        this.layout = layout;
        this.runner = runner;
    }

    /** Creates the client key and the become password when missing; returns what it created. */
    List<LabChange> ensure() {
        List<LabChange> changes = new ArrayList<>();
        Path key = layout.clientKey();
        if (!Files.exists(key)) {
            LabFiles.directory(key.getParent(), "rwx------");
            runner.require(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "pgconverge-lab", "-f",
                    key.toString()), "ssh-keygen for the lab key");
            changes.add(new LabChange("lab", "generated the admin key " + key));
        }
        if (!Files.exists(layout.becomePassword())) {
            LabFiles.writeIfChanged(layout.becomePassword(), randomPassword() + "\n", "rw-------");
            changes.add(new LabChange("lab", "generated the sudo password " + layout.becomePassword()));
        }
        return changes;
    }

    String publicKey() {
        return LabFiles.read(layout.clientKey().resolveSibling("id_ed25519.pub")).strip();
    }

    String becomePassword() {
        return LabFiles.read(layout.becomePassword()).strip();
    }

    /** Rewrites known_hosts from the nodes' host keys; true when it changed. */
    boolean writeKnownHosts(List<LabNode> nodes) {
        StringBuilder b = new StringBuilder();
        for (LabNode n : nodes) {
            Path pub = n.onHost(NodeSetup.HOST_KEY).resolveSibling("ssh_host_ed25519_key.pub");
            if (Files.exists(pub)) {
                b.append(knownHostsLine(n, LabFiles.read(pub)));
            }
        }
        return LabFiles.writeIfChanged(layout.knownHosts(), b.toString(), "rw-r--r--");
    }

    /** {@code 127.1.0.2 ssh-ed25519 AAAA...}: the key type and key of a public key file, without its comment. */
    static String knownHostsLine(LabNode node, String publicKeyFile) {
        String[] words = publicKeyFile.strip().split("\\s+");
        return node.address() + " " + words[0] + " " + words[1] + "\n";
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
