package io.pgconverge.lab;

import java.util.List;

/**
 * The text of the lab sshd's files: sshd_config, the authorized key line, known_hosts. The authorized keys
 * are read through {@code AuthorizedKeysCommand}, because StrictModes rightly refuses a key file in a tree
 * under a world-writable directory such as /tmp, and the lab keeps all of its files in its own directory.
 */
final class SshdConfig {
    static final String SSHD = "/usr/sbin/sshd";

    private SshdConfig() {
    }

    static String sshdConfig(LabLayout layout, List<LabNode> nodes, String user) {
        StringBuilder b = new StringBuilder();
        b.append("# sshd of the pgconverge lab; written by `pgconverge lab up`\n");
        b.append("Port ").append(LabLayout.SSH_PORT).append('\n');
        for (LabNode n : nodes) {
            b.append("ListenAddress ").append(n.address()).append('\n');
        }
        b.append("HostKey ").append(layout.hostKey()).append('\n');
        b.append("PidFile ").append(layout.sshdPidFile()).append('\n');
        b.append("# Debian's postgres account is locked (no password); with PAM a key login still works\n");
        b.append("UsePAM yes\n");
        b.append("PubkeyAuthentication yes\n");
        b.append("PasswordAuthentication no\n");
        b.append("KbdInteractiveAuthentication no\n");
        b.append("PermitRootLogin no\n");
        b.append("AllowUsers ").append(user).append('\n');
        b.append("StrictModes yes\n");
        b.append("AuthorizedKeysFile none\n");
        b.append("AuthorizedKeysCommand /bin/cat ").append(layout.authorizedKeys()).append('\n');
        b.append("AuthorizedKeysCommandUser nobody\n");
        b.append("AllowTcpForwarding local\n");
        b.append("PermitOpen 127.0.0.1:* localhost:*");
        for (LabNode n : nodes) {
            b.append(' ').append(n.address()).append(":*");
        }
        b.append('\n');
        b.append("AllowAgentForwarding no\n");
        b.append("X11Forwarding no\n");
        b.append("PermitTunnel no\n");
        b.append("PrintMotd no\n");
        b.append("MaxStartups 100\n");
        b.append("MaxSessions 100\n");
        b.append("Subsystem sftp internal-sftp\n");
        return b.toString();
    }

    /** The client key's line: loopback sources only, port forwarding and a terminal allowed, nothing else. */
    static String authorizedKeys(String clientPublicKey) {
        return "from=\"127.0.0.0/8\",restrict,port-forwarding,pty " + firstTwoFields(clientPublicKey)
                + " pgconverge-lab\n";
    }

    static String knownHosts(List<LabNode> nodes, String hostPublicKey) {
        StringBuilder b = new StringBuilder();
        for (LabNode n : nodes) {
            b.append('[').append(n.address()).append("]:").append(LabLayout.SSH_PORT).append(' ')
                    .append(firstTwoFields(hostPublicKey)).append('\n');
        }
        return b.toString();
    }

    private static String firstTwoFields(String publicKeyLine) {
        String[] f = publicKeyLine.strip().split("\\s+");
        return f[0] + " " + f[1];
    }
}
