package io.pgconverge.lab;

import io.pgconverge.model.EngineException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabLayoutTest {
    private final LabLayout layout = new LabLayout(LabLayout.DEFAULT_DIR, LabSettings.defaults());

    @Test
    void theDefaultLabIsThreeNodesOnSubnetZero() {
        assertEquals(List.of("127.1.0.1", "127.1.0.2", "127.1.0.3"),
                layout.nodes().stream().map(LabNode::address).toList());
        LabNode node2 = layout.node(2);
        assertEquals("pgc0-node2", node2.namespace());
        assertEquals("pgc0h2", node2.hostLink());
        assertEquals("pgclab0", layout.bridge());
        assertEquals("127.1.0.254", layout.bridgeAddress());
        assertEquals("127.1.0.0/24", layout.subnet());
    }

    @Test
    void anotherSubnetIndexGivesAnotherLabItsOwnAddressesAndNames() {
        LabLayout test = new LabLayout(Path.of("/tmp/pgconverge-it-1"), new LabSettings(3, 15, 7));
        LabNode node3 = test.node("node3");
        assertEquals("127.1.7.3", node3.address());
        assertEquals("pgc7-node3", node3.namespace());
        assertEquals("pgc7h3", node3.hostLink());
        assertEquals("pgclab7", test.bridge());
        assertTrue(node3.hostLink().length() <= 15 && test.bridge().length() <= 15, "Linux interface names");
    }

    @Test
    void nodePathsAreDebiansInsideTheNodeAndMapToItsRootOnTheMachine() {
        LabNode n = layout.node(2);
        assertEquals(Path.of("/var/lib/postgresql/15/main"), n.dataDir());
        assertEquals(Path.of("/etc/postgresql/15/main/pg_hba.conf"), n.hbaFile());
        assertEquals(Path.of("/usr/lib/postgresql/15/bin"), n.binDir());
        assertEquals(Path.of("/var/run/postgresql"), n.runDir());
        assertEquals(5432, n.port());
        assertEquals(Path.of("/tmp/pgconverge-lab/node2/root"), n.root());
        assertEquals(Path.of("/tmp/pgconverge-lab/node2/root/var/lib/postgresql/15/main"), n.onHost(n.dataDir()));
    }

    @Test
    void keysAndInventoryLiveInTheLabDirectory() {
        assertEquals(Path.of("/tmp/pgconverge-lab/known_hosts"), layout.knownHosts());
        assertEquals(Path.of("/tmp/pgconverge-lab/ssh/id_ed25519"), layout.clientKey());
        assertEquals(Path.of("/tmp/pgconverge-lab/become.pw"), layout.becomePassword());
        assertEquals(Path.of("/tmp/pgconverge-lab/inventory.yml"), layout.inventory());
    }

    @Test
    void onlyNode2AsksForTheSudoPassword() {
        assertEquals(List.of(false, true, false),
                layout.nodes().stream().map(LabLayout::sudoNeedsPassword).toList());
    }

    @Test
    void theDirectoryComesFromTheOptionThenTheEnvironmentThenTheDefault() {
        Map<String, String> env = Map.of(LabLayout.DIR_ENV, "/var/tmp/lab-from-env");
        assertEquals(Path.of("/srv/x"), LabLayout.chooseDir(Path.of("/srv/x"), env));
        assertEquals(Path.of("/var/tmp/lab-from-env"), LabLayout.chooseDir(null, env));
        assertEquals(Path.of("/tmp/pgconverge-lab"), LabLayout.chooseDir(null, Map.of()));
    }

    @Test
    void unsafeDirectoriesAndSettingsAreRefused() {
        EngineException space = assertThrows(EngineException.class,
                () -> new LabLayout(Path.of("/tmp/my lab"), LabSettings.defaults()));
        assertTrue(space.getMessage().contains("/tmp/my lab"), space.getMessage());
        EngineException zero = assertThrows(EngineException.class, () -> new LabSettings(0, 15, 0));
        assertEquals("the lab has 1 to 250 nodes, not 0", zero.getMessage());
        assertThrows(EngineException.class, () -> new LabSettings(3, 15, 100));
        EngineException v14 = assertThrows(EngineException.class, () -> new LabSettings(3, 14, 0));
        assertTrue(v14.getMessage().contains("13 (bullseye), 15 (bookworm), 17 (trixie), 18 (sid)"),
                v14.getMessage());
        assertFalse(new LabSettings(3, 17, 0).release() != DebianRelease.TRIXIE);
    }

    @Test
    void aMixedLabGivesANodeTheVersionAndReleaseOfItsOwn() {
        LabSettings mixed = new LabSettings(3, 15, 6, Map.of("node3", 17, "node2", 15));
        assertEquals(Map.of("node3", 17), mixed.nodeVersions(), "a node of the lab's own version is no exception");
        LabLayout layout = new LabLayout(Path.of("/tmp/lab"), mixed);
        assertEquals(15, layout.node(2).pgVersion());
        assertEquals(17, layout.node(3).pgVersion());
        assertEquals(Path.of("/var/lib/postgresql/17/main"), layout.node(3).dataDir());
        assertEquals(List.of(DebianRelease.BOOKWORM, DebianRelease.TRIXIE),
                List.copyOf(mixed.releases()));
        assertEquals(mixed, LabSettings.fromProperties(mixed.toProperties()));
        EngineException outside = assertThrows(EngineException.class,
                () -> new LabSettings(3, 15, 0, Map.of("node4", 17)));
        assertEquals("the lab's nodes are node1 to node3; node4 cannot have a version of its own",
                outside.getMessage());
        assertThrows(EngineException.class, () -> new LabSettings(3, 15, 0, Map.of("node3", 16)));
    }
}
