package io.pgconverge.lab;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabInventoryTest {
    private static final PgInstall PG15 = new PgInstall(15, Path.of("/usr/lib/postgresql/15/bin"));

    @Test
    void theCommittedLabInventoryIsWhatLabUpWritesForTheDefaultLab() throws Exception {
        LabLayout layout = new LabLayout(LabLayout.DEFAULT_DIR, 3);
        String rendered = LabInventory.render(layout, layout.nodes(), "postgres", true, PG15);
        assertEquals(Files.readString(Path.of("inventories/lab.yml")), rendered);
    }

    @Test
    void everyHostCarriesItsConnectionAndLayout() {
        LabLayout layout = new LabLayout(Path.of("/var/tmp/lab9"), 9);
        String text = LabInventory.render(layout, layout.nodes(), "postgres", true, PG15);
        assertTrue(text.contains("""
                        node9:
                          ansible_host: 127.0.0.19
                          ansible_port: 2222
                          ansible_user: postgres
                          ansible_ssh_private_key_file: /var/tmp/lab9/ssh/id_ed25519
                          ansible_ssh_common_args: '-o UserKnownHostsFile=/var/tmp/lab9/known_hosts'
                          pg_port: 5449
                          pg_data: /var/tmp/lab9/node9/data
                          pg_config_dir: /var/tmp/lab9/node9/conf
                          pg_socket_dir: /var/tmp/lab9/node9/run
                """), text);
        assertTrue(text.startsWith("# The local lab"), text);
        assertTrue(text.contains("all:\n  children:\n    pg_lab:\n      hosts:\n        node1:\n"), text);
        assertTrue(text.endsWith("""
                      vars:
                        pg_version: 15
                        pg_bindir: /usr/lib/postgresql/15/bin
                        pg_service: pg_ctl
                """), text);
    }

    @Test
    void withoutTheLabSshdHostsAreLocalConnections() {
        LabLayout layout = new LabLayout(Path.of("/tmp/alice-lab"), 1);
        String text = LabInventory.render(layout, layout.nodes(), "alice", false, PG15);
        assertTrue(text.contains("ansible_connection: local\n          ansible_user: alice\n"), text);
        assertFalse(text.contains("ansible_port"), text);
        assertFalse(text.contains("known_hosts"), text);
    }
}
