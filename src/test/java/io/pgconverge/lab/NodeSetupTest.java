package io.pgconverge.lab;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NodeSetupTest {
    private final LabNode node2 = new LabLayout(Path.of("/tmp/lab"), LabSettings.defaults()).node(2);

    @Test
    void aNodeResolvesItsOwnNameSoThatSudoDoesNotWarn() {
        assertEquals("127.0.0.1\tlocalhost\n127.1.0.2\tnode2\n", NodeSetup.hosts(node2));
    }

    @Test
    void theAdminNeedsNoPasswordWhereTheSudoRuleIsWritten() {
        assertEquals("ops ALL=(ALL:ALL) NOPASSWD: ALL\n", NodeSetup.sudoRule());
    }

    @Test
    void knownHostsNamesTheNodeByItsAddressWithoutTheKeysComment() {
        assertEquals("127.1.0.2 ssh-ed25519 AAAAC3Nza\n",
                LabKeys.knownHostsLine(node2, "ssh-ed25519 AAAAC3Nza root@node2\n"));
    }
}
