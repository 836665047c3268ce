package io.pgconverge.lab;

/**
 * The Ansible-style YAML inventory of a lab: group {@code pg_lab} with one host per node at 127.1.K.N:22, reached as
 * the admin {@code ops} with the lab key and known_hosts, becoming root with sudo (on node2 with the password
 * file of the lab), and PostgreSQL driven by pg_ctlcluster in the Debian layout. In a mixed lab a node whose version
 * differs from the lab's says so with a pg_version of its own.
 */
public final class LabInventory {
    public static final String GROUP = "pg_lab";

    private LabInventory() {
    }

    public static String render(LabLayout layout) {
        LabSettings s = layout.settings();
        StringBuilder b = new StringBuilder();
        b.append("# The lab of `pgconverge lab up`: ").append(s.nodes()).append(" Debian ")
                .append(s.release().codename()).append(" systems with PostgreSQL ").append(s.pgVersion())
                .append(", each in its own\n# network namespace at ").append(layout.subnetPrefix())
                .append("N; files under ").append(layout.dir()).append(".\n");
        s.nodeVersions().forEach((node, version) -> b.append("# Mixed: ").append(node).append(" is Debian ")
                .append(s.releaseOf(node).codename()).append(" with PostgreSQL ").append(version).append(".\n"));
        b.append("all:\n  children:\n    ").append(GROUP).append(":\n      hosts:\n");
        for (LabNode n : layout.nodes()) {
            b.append("        ").append(n.name()).append(":\n");
            b.append("          ansible_host: ").append(n.address()).append('\n');
            b.append("          ansible_port: ").append(LabNode.SSH_PORT).append('\n');
            if (n.pgVersion() != s.pgVersion()) {
                b.append("          pg_version: ").append(n.pgVersion()).append('\n');
            }
            if (LabLayout.sudoNeedsPassword(n)) {
                b.append("          ansible_become_password: { file: ").append(layout.becomePassword())
                        .append(" }\n");
            }
        }
        b.append("      vars:\n");
        var("ansible_user", BaseCache.ADMIN, b);
        var("ansible_become", "true", b);
        var("ansible_become_method", "sudo", b);
        var("ansible_ssh_private_key_file", layout.clientKey().toString(), b);
        var("ansible_ssh_common_args", "'-o UserKnownHostsFile=" + layout.knownHosts() + "'", b);
        var("pg_version", Integer.toString(s.pgVersion()), b);
        var("pg_service", "pg_ctlcluster", b);
        return b.toString();
    }

    private static void var(String key, String value, StringBuilder b) {
        b.append("        ").append(key).append(": ").append(value).append('\n');
    }
}
