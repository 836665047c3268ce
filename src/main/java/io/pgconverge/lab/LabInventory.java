package io.pgconverge.lab;

import java.util.List;

/**
 * The Ansible-style YAML inventory of a lab: group {@code pg_lab} with one host per node. With the lab sshd
 * (run as root) hosts are reached over SSH as the node user with the lab key and known_hosts; without it
 * (an ordinary user) they are local connections.
 */
public final class LabInventory {
    public static final String GROUP = "pg_lab";

    private LabInventory() {
    }

    public static String render(LabLayout layout, List<LabNode> nodes, String nodeUser, boolean ssh, PgInstall pg) {
        StringBuilder b = new StringBuilder();
        b.append("# The local lab of `pgconverge lab up`: PostgreSQL ").append(pg.version())
                .append(" nodes on loopback addresses,\n# files under ").append(layout.dir()).append(".\n");
        b.append("all:\n  children:\n    ").append(GROUP).append(":\n      hosts:\n");
        for (LabNode n : nodes) {
            b.append("        ").append(n.name()).append(":\n");
            host(b, "ansible_host", n.address());
            if (ssh) {
                host(b, "ansible_port", Integer.toString(LabLayout.SSH_PORT));
                host(b, "ansible_user", nodeUser);
                host(b, "ansible_ssh_private_key_file", layout.clientKey().toString());
                host(b, "ansible_ssh_common_args", "'-o UserKnownHostsFile=" + layout.knownHosts() + "'");
            } else {
                host(b, "ansible_connection", "local");
                host(b, "ansible_user", nodeUser);
            }
            host(b, "pg_port", Integer.toString(n.port()));
            host(b, "pg_data", n.dataDir().toString());
            host(b, "pg_config_dir", n.confDir().toString());
            host(b, "pg_socket_dir", n.runDir().toString());
        }
        b.append("      vars:\n");
        b.append("        pg_version: ").append(pg.version()).append('\n');
        b.append("        pg_bindir: ").append(pg.binDir()).append('\n');
        b.append("        pg_service: pg_ctl\n");
        return b.toString();
    }

    private static void host(StringBuilder b, String key, String value) {
        b.append("          ").append(key).append(": ").append(value).append('\n');
    }
}
