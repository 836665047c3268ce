package io.pgconverge.lab;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabInventoryTest {
    @Test
    void theCommittedLabInventoryIsWhatLabUpWritesForTheDefaultLab() throws Exception {
        String rendered = LabInventory.render(new LabLayout(LabLayout.DEFAULT_DIR, LabSettings.defaults()));
        assertEquals(Files.readString(Path.of("inventories/lab.yml")), rendered);
    }

    @Test
    void everyHostIsReachedOnPort22OfItsOwnAddress() {
        String text = LabInventory.render(new LabLayout(Path.of("/var/tmp/lab9"), new LabSettings(9, 15, 4)));
        assertTrue(text.contains("""
                        node9:
                          ansible_host: 127.1.4.9
                          ansible_port: 22
                """), text);
    }

    @Test
    void onlyNode2CarriesTheBecomePasswordReference() {
        String text = LabInventory.render(new LabLayout(Path.of("/var/tmp/lab"), LabSettings.defaults()));
        assertTrue(text.contains("""
                        node2:
                          ansible_host: 127.1.0.2
                          ansible_port: 22
                          ansible_become_password: { file: /var/tmp/lab/become.pw }
                        node3:
                """), text);
        assertEquals(1, text.split("ansible_become_password", -1).length - 1, text);
    }

    @Test
    void theGroupVarsLogInAsOpsAndBecomeRootWithSudo() {
        String text = LabInventory.render(new LabLayout(Path.of("/var/tmp/lab"), new LabSettings(3, 17, 0)));
        assertTrue(text.contains("""
                      vars:
                        ansible_user: ops
                        ansible_become: true
                        ansible_become_method: sudo
                        ansible_ssh_private_key_file: /var/tmp/lab/ssh/id_ed25519
                        ansible_ssh_common_args: '-o UserKnownHostsFile=/var/tmp/lab/known_hosts'
                        pg_version: 17
                        pg_service: pg_ctlcluster
                """), text);
        assertTrue(text.contains("Debian trixie"), text);
        assertFalse(text.contains("pg_data"), "the Debian defaults need no layout vars: " + text);
    }

    @Test
    void aNodeOfAMixedLabCarriesItsOwnVersionAndTheHeaderNamesItsRelease() {
        String text = LabInventory.render(new LabLayout(Path.of("/var/tmp/lab"),
                new LabSettings(3, 15, 0, java.util.Map.of("node3", 17))));
        assertTrue(text.contains("# Mixed: node3 is Debian trixie with PostgreSQL 17.\n"), text);
        assertTrue(text.contains("""
                        node3:
                          ansible_host: 127.1.0.3
                          ansible_port: 22
                          pg_version: 17
                """), text);
        assertEquals(2, text.split("pg_version", -1).length - 1, "node3's and the group's: " + text);
    }
}
