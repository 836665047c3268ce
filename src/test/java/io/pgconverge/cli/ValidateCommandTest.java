package io.pgconverge.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pgconverge validate} on the project's own playbooks (secrets from the test environment, see pom.xml). */
class ValidateCommandTest {
    private static final String LAB_COPY = "src/test/resources/inventories/lab.yml";

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void theReferencePlaybookIsValidForTheLab() {
        Result r = run("validate", "playbooks/ha-cluster.yml", "-i", LAB_COPY);
        assertEquals(new Result(0, "playbooks/ha-cluster.yml: valid (3 hosts, primary node1)\n", ""), r);
    }

    @Test
    void theReferencePlaybookIsValidForTheCommittedLabInventory() {
        Assumptions.assumeTrue(Files.exists(Path.of("inventories/lab.yml")), "inventories/lab.yml not present");
        Result r = run("validate", "playbooks/ha-cluster.yml", "-i", "inventories/lab.yml");
        assertEquals(new Result(0, "playbooks/ha-cluster.yml: valid (3 hosts, primary node1)\n", ""), r);
    }

    @Test
    void extraVarsChooseAnotherPrimary() {
        Result r = run("validate", "playbooks/ha-cluster.yml", "-i", LAB_COPY, "-e", "primary=node2");
        assertEquals(new Result(0, "playbooks/ha-cluster.yml: valid (3 hosts, primary node2)\n", ""), r);
    }

    @Test
    void theMaasNotesPlaybookIsValidFor95() {
        Result r = run("validate", "playbooks/maas-hot-standby.yml", "-i", "inventories/example-95.yml");
        assertEquals(new Result(0, "playbooks/maas-hot-standby.yml: valid (2 hosts, primary maas1)\n", ""), r);
    }

    @Test
    void theLabPlaybookDoesNotFitTheRealHostsWithoutItsOwnHbaRules() {
        Result r = run("validate", "playbooks/ha-cluster.yml", "-i", "inventories/example.yml",
                "-e", "hosts=pg_main postgres.version=16");
        assertEquals(1, r.code());
        assertEquals("playbooks/ha-cluster.yml:30:3: no hba rule lets replication user repl connect to database"
                + " replication from node1 (192.168.56.111), node2 (192.168.56.112), node3 (192.168.56.113); add a"
                + " rule such as { type: host, database: replication, user: repl, address: 192.168.56.111/32,"
                + " method: scram-sha-256 }\n", r.err());
    }

    @Test
    void playbooksOfDifferentGroupsValidateTogether() {
        Result r = run("validate", "playbooks/ha-cluster.yml", "src/test/resources/good/playbook.yml", "-i", LAB_COPY,
                "-e", "primary=node3");
        assertEquals(1, r.code());
        assertEquals("src/test/resources/good/playbook.yml:2:8: hosts node1, node2, node3 are also in the cluster"
                + " of playbooks/ha-cluster.yml (group 'pg_lab'); a host belongs to one cluster only\n", r.err());
    }

    @Test
    void aMissingInventoryOptionIsAUsageError() {
        Result r = run("validate", "playbooks/ha-cluster.yml");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: Missing required option: '--inventory=INVENTORY'"), r.err());
    }

    @Test
    void validateIsListedInTheHelp() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("(?s).*validate +Check a playbook and its inventory without contacting any node\\..*"),
                r.out());
    }
}
