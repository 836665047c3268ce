package io.pgconverge.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Makes a fresh node (an empty upper layer over the base) into the host it plays: its hostname, its own host key,
 * the admin's authorized key and sudo rule (without a password, except on the node that asks for one, where the
 * admin gets the lab's become password). Done once per upper layer; a marker file inside says it is done.
 */
final class NodeSetup {
    static final Path HOST_KEY = Path.of("/etc/ssh/ssh_host_ed25519_key");
    private static final Path MARKER = Path.of("/etc/pgconverge-lab-node");
    /**
     * Every node gets a cluster of its own, with its own system identifier, as {@code apt install postgresql} gives
     * each real host: the base's pristine cluster is dropped and created anew, listening on every address.
     */
    static final String OWN_CLUSTER = "set -e; for conf in /etc/postgresql/*/main; do v=$(basename $(dirname $conf));"
            + " pg_dropcluster $v main; pg_createcluster --locale C.UTF-8 $v main >/dev/null;"
            + " sed -i -e \"s/^#\\?listen_addresses *=.*/listen_addresses = '*'/\" -e 's/^#\\?port *= *[0-9]*/port = 5432/'"
            + " /etc/postgresql/$v/main/postgresql.conf; done";
    private final CommandRunner runner;
    private final LabKeys keys;

    NodeSetup(CommandRunner runner, LabKeys keys) {
        this.runner = runner;
        this.keys = keys;
    }

    static boolean done(LabNode node) {
        return Files.exists(node.onHost(MARKER));
    }

    void run(LabNode node) {
        LabFiles.writeIfChanged(node.onHost(Path.of("/etc/hostname")), node.name() + "\n", "rw-r--r--");
        LabFiles.writeIfChanged(node.onHost(Path.of("/etc/hosts")), hosts(node), "rw-r--r--");
        if (!Files.exists(node.onHost(HOST_KEY))) {
            inRoot(node, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "root@" + node.name(), "-f",
                    HOST_KEY.toString()), "", "host key");
        }
        String home = "/home/" + BaseCache.ADMIN;
        LabFiles.directory(node.onHost(Path.of(home, ".ssh")), "rwx------");
        LabFiles.writeIfChanged(node.onHost(Path.of(home, ".ssh", "authorized_keys")), keys.publicKey() + "\n",
                "rw-------");
        inRoot(node, List.of("chown", "-R", BaseCache.ADMIN + ":" + BaseCache.ADMIN, home + "/.ssh"), "", "chown");
        Path sudoers = node.onHost(Path.of("/etc/sudoers.d/" + BaseCache.ADMIN));
        if (LabLayout.sudoNeedsPassword(node)) {
            inRoot(node, List.of("chpasswd"), BaseCache.ADMIN + ":" + keys.becomePassword() + "\n", "chpasswd");
        } else {
            LabFiles.writeIfChanged(sudoers, sudoRule(), "r--r-----");
        }
        inRoot(node, List.of("sh", "-c", OWN_CLUSTER), "", "pg_createcluster");
        LabFiles.writeIfChanged(node.onHost(MARKER), "pgconverge lab node " + node.name() + "\n", "rw-r--r--");
    }

    /** Creates what a booted system has in its /run: sshd's privilege separation and PostgreSQL's socket dirs. */
    void prepareRun(LabNode node) {
        inRoot(node, List.of("sh", "-c", "install -d -m 0755 /run/sshd && install -d -o postgres -g postgres"
                + " -m 2775 /run/postgresql"), "", "/run directories");
    }

    static String hosts(LabNode node) {
        return "127.0.0.1\tlocalhost\n" + node.address() + "\t" + node.name() + "\n";
    }

    static String sudoRule() {
        return BaseCache.ADMIN + " ALL=(ALL:ALL) NOPASSWD: ALL\n";
    }

    private void inRoot(LabNode node, List<String> argv, String stdin, String what) {
        List<String> c = new java.util.ArrayList<>(List.of("chroot", node.root().toString()));
        c.addAll(argv);
        runner.require(c, stdin, Duration.ofSeconds(60), node.name() + ": " + what);
    }
}
