package io.pgconverge.it;

import io.pgconverge.lab.LabExtension;
import io.pgconverge.lab.LabExtension.RunningLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Privilege escalation for real: the engine runs as an admin user of this machine ({@code pgcops}, sudo without a
 * password; {@code pgcops2}, sudo with one) and reaches the lab's PostgreSQL user and root through sudo, over a local
 * connection. Facts, plan and apply go through become; a wrong become password and a user without sudo rights give
 * one clear error each, and the password shows nowhere.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BecomeIT {
    private static final String ADMIN = "pgcops";
    private static final String ADMIN_WITH_PASSWORD = "pgcops2";
    private static final String NO_SUDO = "pgcops3";
    private static final String PASSWORD = "it-become-Secret-42";
    private RunningLab lab;
    private Path inventory;

    @BeforeAll
    void adminUsersAndABecomeInventory(RunningLab lab) throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "creating OS users needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "sudo is not installed");
        this.lab = lab;
        OsUsers.ensure(ADMIN, "", ADMIN + " ALL=(ALL) NOPASSWD: ALL");
        OsUsers.ensure(ADMIN_WITH_PASSWORD, PASSWORD, ADMIN_WITH_PASSWORD + " ALL=(ALL) ALL");
        OsUsers.ensure(NO_SUDO, PASSWORD, "");
        inventory = becomeInventory(lab);
    }

    /** The lab's inventory with every node reached locally as the user running the CLI, becoming the node user. */
    @SuppressWarnings("unchecked")
    private static Path becomeInventory(RunningLab lab) throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(lab.inventory()));
        Map<String, Object> children = (Map<String, Object>) ((Map<String, Object>) root.get("all")).get("children");
        for (Object group : children.values()) {
            Map<String, Object> g = (Map<String, Object>) group;
            for (Object host : ((Map<String, Object>) g.get("hosts")).values()) {
                ((Map<String, Object>) host).put("ansible_connection", "local");
                ((Map<String, Object>) host).remove("ansible_user");
            }
            Map<String, Object> vars = (Map<String, Object>) g.get("vars");
            vars.put("ansible_become", true);
            vars.put("ansible_become_user", lab.nodeUser());
            vars.put("ansible_become_password", Map.of("env", "PGC_BECOME_PASSWORD"));
        }
        Path file = Files.createTempFile("pgc-become-inventory", ".yml");
        Files.writeString(file, new Yaml().dump(root));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private CliProcess.Result run(String user, String password, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "playbooks/ha-cluster.yml", "-i", inventory.toString()));
        args.addAll(List.of(more));
        return new CliProcess().with("PGC_BECOME_PASSWORD", password).as(user).run(args);
    }

    @Test
    @Order(1)
    void anAdminWithSudoConvergesTheLabAndTheNextPlanIsEmpty() {
        CliProcess.Result facts = run(ADMIN, "unused", "facts");
        assertEquals(0, facts.exitCode(), facts.all());
        CliProcess.Result apply = run(ADMIN, "unused", "apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        assertTrue(apply.out().contains("Apply complete"), apply.out());
        CliProcess.Result plan = run(ADMIN, "unused", "plan", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), plan.all());
        assertEquals("streaming\nstreaming", new LabSql(lab).query("node1",
                "SELECT state FROM pg_stat_replication ORDER BY application_name"));
    }

    @Test
    @Order(2)
    void filesTheEngineWroteBelongToTheNodeUser() {
        LabSql sql = new LabSql(lab);
        for (String node : List.of("node1", "node2", "node3")) {
            String configDir = Path.of(sql.query(node, "SHOW hba_file")).getParent().toString();
            String dataDir = sql.query(node, "SHOW data_directory");
            String owners = sql.shell("stat -c '%U' '" + configDir + "'/* '" + dataDir + "' '" + dataDir + "'/* | sort -u");
            assertEquals(lab.nodeUser(), owners, node);
            if (!node.equals("node1")) {
                assertEquals("600", sql.shell("stat -c '%a' '" + configDir + "/pgconverge.pgpass'"), node);
            }
        }
    }

    @Test
    @Order(3)
    void anAdminWhoseSudoAsksForThePasswordGetsItOnStandardInput() {
        CliProcess.Result plan = run(ADMIN_WITH_PASSWORD, PASSWORD, "plan", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), plan.all());
        assertFalse(plan.all().contains(PASSWORD));
    }

    @Test
    @Order(4)
    void aWrongBecomePasswordIsOneClearErrorPerNodeAndShownNowhere() {
        CliProcess.Result plan = run(ADMIN_WITH_PASSWORD, "not-" + PASSWORD, "plan");
        assertEquals(1, plan.exitCode(), plan.all());
        assertTrue(plan.all().contains("sudo -k -S -p '' -u " + lab.nodeUser() + " -H bash -s as "
                + ADMIN_WITH_PASSWORD + " was refused: the become password (ansible_become_password) is wrong"),
                plan.all());
        assertFalse(plan.all().contains(PASSWORD), plan.all());
        LabSql sql = new LabSql(lab);
        for (String node : List.of("node1", "node2", "node3")) {
            String configDir = Path.of(sql.query(node, "SHOW config_file")).getParent().toString();
            String logs = sql.shell("cat '" + configDir + "'/*.log");
            assertFalse(logs.isEmpty(), node + " has a server log");
            assertFalse(logs.contains(PASSWORD), node + ": the server log holds the become password");
        }
    }

    @Test
    @Order(5)
    void aUserWithoutSudoRightsIsRefusedNamingUserAndCommand() {
        CliProcess.Result plan = run(NO_SUDO, PASSWORD, "plan");
        assertEquals(1, plan.exitCode(), plan.all());
        assertTrue(plan.all().contains("as " + NO_SUDO + " was refused: " + NO_SUDO + " may not run bash as "
                + lab.nodeUser() + " through sudo"), plan.all());
        assertFalse(plan.all().contains(PASSWORD), plan.all());
    }
}
