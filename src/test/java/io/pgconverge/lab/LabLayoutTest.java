package io.pgconverge.lab;

import io.pgconverge.model.EngineException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabLayoutTest {
    private final LabLayout layout = new LabLayout(Path.of("/tmp/pgconverge-lab"), 9);

    @Test
    void nodesGetConsecutiveLoopbackAddressesAndPorts() {
        List<LabNode> nodes = layout.nodes();
        assertEquals(9, nodes.size());
        assertEquals(new LabNode("node1", 1, "127.0.0.11", 5441, Path.of("/tmp/pgconverge-lab/node1")), nodes.get(0));
        assertEquals(new LabNode("node9", 9, "127.0.0.19", 5449, Path.of("/tmp/pgconverge-lab/node9")), nodes.get(8));
    }

    @Test
    void aNodeIsDebianShaped() {
        LabNode n = layout.node(2);
        assertEquals(Path.of("/tmp/pgconverge-lab/node2/data"), n.dataDir());
        assertEquals(Path.of("/tmp/pgconverge-lab/node2/conf/postgresql.conf"), n.configFile());
        assertEquals(Path.of("/tmp/pgconverge-lab/node2/conf/pg_hba.conf"), n.hbaFile());
        assertEquals(Path.of("/tmp/pgconverge-lab/node2/conf/pg_ident.conf"), n.identFile());
        assertEquals(Path.of("/tmp/pgconverge-lab/node2/conf/postgresql.log"), n.logFile());
        assertEquals(Path.of("/tmp/pgconverge-lab/node2/run"), n.runDir());
        assertEquals(Path.of("/tmp/pgconverge-lab/node2/data/postmaster.pid"), n.pidFile());
    }

    @Test
    void sshFilesLiveInTheLabDirectory() {
        assertEquals(Path.of("/tmp/pgconverge-lab/known_hosts"), layout.knownHosts());
        assertEquals(Path.of("/tmp/pgconverge-lab/ssh/id_ed25519"), layout.clientKey());
        assertEquals(Path.of("/tmp/pgconverge-lab/sshd/sshd_config"), layout.sshdConfig());
        assertEquals(Path.of("/tmp/pgconverge-lab/sshd/sshd.pid"), layout.sshdPidFile());
        assertEquals(Path.of("/tmp/pgconverge-lab/inventory.yml"), layout.inventory());
    }

    @Test
    void theDirectoryComesFromTheOptionThenTheEnvironmentThenTheDefault() {
        Map<String, String> env = Map.of(LabLayout.DIR_ENV, "/var/tmp/lab-from-env");
        assertEquals(Path.of("/srv/x"), LabLayout.chooseDir(Path.of("/srv/x"), env));
        assertEquals(Path.of("/var/tmp/lab-from-env"), LabLayout.chooseDir(null, env));
        assertEquals(Path.of("/tmp/pgconverge-lab"), LabLayout.chooseDir(null, Map.of()));
    }

    @Test
    void unsafeDirectoriesAndNodeCountsAreRefused() {
        EngineException space = assertThrows(EngineException.class, () -> new LabLayout(Path.of("/tmp/my lab"), 3));
        assertTrue(space.getMessage().contains("/tmp/my lab"), space.getMessage());
        assertThrows(EngineException.class, () -> new LabLayout(Path.of("/tmp/it's"), 3));
        EngineException zero = assertThrows(EngineException.class, () -> new LabLayout(Path.of("/tmp/lab"), 0));
        assertEquals("the lab has 1 to 99 nodes, not 0", zero.getMessage());
        assertThrows(EngineException.class, () -> new LabLayout(Path.of("/tmp/lab"), 100));
    }
}
