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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Privilege escalation for real, on the lab's Debian nodes: the engine logs in as the admin user {@code ops} and
 * reaches postgres and root through sudo (node2's sudo asks for a password, which comes from the inventory's
 * ansible_become_password). A wrong become password and a user without sudo rights give one clear error each,
 * and the password shows nowhere: not in the output, not in any server log.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BecomeIT {
    private static final String NO_SUDO = "nosudo";
    private RunningLab lab;
    private LabSql sql;
    private String password;

    @BeforeAll
    void lab(RunningLab lab) throws IOException {
        this.lab = lab;
        this.sql = new LabSql(lab);
        this.password = Files.readString(lab.becomePassword()).strip();
    }

    private CliProcess.Result run(Path inventory, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "playbooks/ha-cluster.yml", "-i", inventory.toString()));
        args.addAll(List.of(more));
        return new CliProcess().run(args);
    }

    /** The lab's inventory with one line replaced. */
    private Path inventoryWith(String from, String to) throws IOException {
        String text = Files.readString(lab.inventory());
        assertTrue(text.contains(from), text);
        Path file = Files.createTempFile("pgc-become-inventory", ".yml");
        Files.writeString(file, text.replace(from, to));
        return file;
    }

    @Test
    @Order(1)
    void theAdminUserConvergesTheLabThroughSudoAndTheNextPlanIsEmpty() {
        CliProcess.Result ping = run(lab.inventory(), "ping");
        assertEquals(0, ping.exitCode(), ping.all());
        assertTrue(ping.out().contains("become postgres and root, SQL: PostgreSQL " + lab.pgVersion()), ping.out());
        CliProcess.Result apply = run(lab.inventory(), "apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        assertTrue(apply.out().contains("[root] pg_ctlcluster " + lab.pgVersion() + " main"), apply.out());
        CliProcess.Result plan = run(lab.inventory(), "plan", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), plan.all());
        assertEquals("streaming\nstreaming", sql.await("node1",
                "SELECT state FROM pg_stat_replication ORDER BY application_name",
                "streaming\nstreaming"::equals, java.time.Duration.ofSeconds(30)));
        assertFalse(apply.all().contains(password) || plan.all().contains(password));
    }

    @Test
    @Order(2)
    void nothingTheEngineWroteBelongsToRootAndModesAreTheDistributions() {
        for (String node : List.of("node1", "node2", "node3")) {
            String confDir = "/etc/postgresql/" + lab.pgVersion() + "/main";
            String dataDir = "/var/lib/postgresql/" + lab.pgVersion() + "/main";
            assertEquals("", sql.rootShell(node, "find " + confDir + " " + dataDir + " ! -user postgres"), node);
            assertEquals("700", sql.rootShell(node, "stat -c %a " + dataDir), node);
            assertEquals("640", sql.rootShell(node, "stat -c %a " + confDir + "/pg_hba.conf"), node);
            if (!node.equals("node1")) {
                assertEquals("600", sql.rootShell(node, "stat -c %a " + confDir + "/pgconverge.pgpass"), node);
            }
        }
    }

    @Test
    @Order(3)
    void aWrongBecomePasswordIsOneClearErrorNamingNodeAndUserAndShownNowhere() throws IOException {
        Path wrong = Files.createTempFile("pgc-wrong-become", ".pw");
        Files.writeString(wrong, "not-" + password + "\n");
        Path inventory = inventoryWith("{ file: " + lab.becomePassword() + " }", "{ file: " + wrong + " }");
        CliProcess.Result ping = run(inventory, "ping");
        assertEquals(1, ping.exitCode(), ping.all());
        assertTrue(ping.out().matches("(?s)node1 +ok .*node2 +FAILED .*the become password.*node3 +ok .*"), ping.out());
        CliProcess.Result plan = run(inventory, "plan");
        assertEquals(1, plan.exitCode(), plan.all());
        assertTrue(plan.all().contains("node2") && plan.all().contains("as ops was refused: the become password"
                + " (ansible_become_password) is wrong"), plan.all());
        assertFalse(plan.all().contains(password), plan.all());
        for (String node : List.of("node1", "node2", "node3")) {
            String logs = sql.rootShell(node, "cat /var/log/postgresql/*.log /var/log/auth.log 2>/dev/null || true");
            assertFalse(logs.isEmpty(), node + " has a server log");
            assertFalse(logs.contains(password), node + ": a log holds the become password");
        }
    }

    @Test
    @Order(4)
    void aUserWithoutSudoRightsIsRefusedNamingUserAndCommand() throws IOException {
        for (String node : List.of("node1", "node2", "node3")) {
            sql.rootShell(node, "id " + NO_SUDO + " >/dev/null 2>&1 || useradd -m -s /bin/bash " + NO_SUDO + "\n"
                    + "install -d -m 700 -o " + NO_SUDO + " /home/" + NO_SUDO + "/.ssh\n"
                    + "install -m 600 -o " + NO_SUDO + " /home/ops/.ssh/authorized_keys /home/" + NO_SUDO
                    + "/.ssh/authorized_keys\n");
        }
        CliProcess.Result plan = run(inventoryWith("ansible_user: ops", "ansible_user: " + NO_SUDO), "plan");
        assertEquals(1, plan.exitCode(), plan.all());
        assertTrue(plan.all().contains("as " + NO_SUDO + " was refused"), plan.all());
        assertTrue(plan.all().contains("sudo"), plan.all());
    }
}
