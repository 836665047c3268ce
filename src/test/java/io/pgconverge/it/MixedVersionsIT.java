package io.pgconverge.it;

import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.lab.LabNode;
import io.pgconverge.lab.TestLabs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mixed lab: node3 runs another PostgreSQL major version than node1 and node2, on the Debian release that ships it
 * (17 on trixie beside 15 on bookworm; 15 beside a lab of 17). Whether the inventory says so (the lab's own, with
 * node3's pg_version) or not (an inventory written for one version everywhere), plan is refused with exit code 1,
 * naming node3, its version and the primary's; apply fails too, and no node is touched.
 */
@Tag("extended")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MixedVersionsIT {
    private final CliProcess cli = new CliProcess();
    private final int labVersion = TestLabs.pgVersion();
    private final int otherVersion = labVersion == 17 ? 15 : 17;
    private RunningLab lab;
    private LabSql sql;
    private List<String> before;

    @BeforeAll
    void startAMixedLab() {
        lab = TestLabs.fresh(3, Map.of("node3", otherVersion));
        sql = new LabSql(lab);
        assertTrue(sql.query("node3", "SHOW server_version").startsWith(otherVersion + "."));
        assertTrue(sql.query("node1", "SHOW server_version").startsWith(labVersion + "."));
        assertTrue(sql.shell("node3", "cat /etc/os-release").contains("VERSION_CODENAME="
                + lab.layout().settings().releaseOf("node3").codename()));
        before = nodeStates();
    }

    @Test
    @Order(1)
    void theLabsOwnInventoryNamesNode3sVersionAndThePlaybookIsRefusedWherePositioned() {
        CliProcess.Result plan = cli.run(lab, "plan");
        assertEquals(1, plan.exitCode(), plan.all());
        assertTrue(plan.err().contains("postgres.version " + labVersion + " disagrees with pg_version "
                + otherVersion + " of node3 in " + lab.inventory() + ":"), plan.all());
        assertEquals(before, nodeStates());
    }

    @Test
    @Order(2)
    void anInventoryThatSaysOneVersionEverywhereIsRefusedFromTheFactsByPlanAndApply() throws IOException {
        Path inventory = Files.createTempFile("one-version-inventory-", ".yml");
        Files.writeString(inventory, Files.readString(lab.inventory()).replace("          pg_version: "
                + otherVersion + "\n", ""));
        java.util.regex.Pattern refusal = java.util.regex.Pattern.compile("node3: it has PostgreSQL " + otherVersion
                + " \\([^)]+\\) but the primary node1 runs PostgreSQL " + labVersion
                + "; a standby needs its primary's major version");
        for (String command : List.of("plan", "apply")) {
            List<String> args = new ArrayList<>(List.of(command, "playbooks/ha-cluster.yml", "-i",
                    inventory.toString()));
            if (command.equals("apply")) {
                args.add("--yes");
            }
            CliProcess.Result r = cli.run(args);
            assertEquals(1, r.exitCode(), r.all());
            if (command.equals("plan")) {
                assertTrue(refusal.matcher(r.all()).find(), r.all());
            } else {
                // apply takes its lock in each node's configuration directory first: node3 has none for that version
                assertTrue(r.err().contains("node3: cannot take the apply lock /etc/postgresql/" + labVersion
                        + "/main/pgconverge.lock"), r.all());
            }
            assertEquals(before, nodeStates(), "nothing is touched by " + command);
        }
    }

    /** Per node: server version, recovery, system identifier, and whether the engine's files exist. */
    private List<String> nodeStates() {
        List<String> states = new ArrayList<>();
        for (LabNode node : lab.nodes()) {
            states.add(node.name() + " " + sql.query(node.name(), "SELECT current_setting('server_version_num')"
                    + " || ' ' || pg_is_in_recovery() || ' ' || system_identifier FROM pg_control_system()")
                    + " conf=" + Files.exists(node.onHost(node.confDir().resolve("pgconverge.conf")))
                    + " hba=" + hash(node.onHost(node.hbaFile())));
        }
        assertFalse(states.isEmpty());
        return states;
    }

    private static int hash(Path file) {
        try {
            return Files.readString(file).hashCode();
        } catch (IOException e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
    }
}
