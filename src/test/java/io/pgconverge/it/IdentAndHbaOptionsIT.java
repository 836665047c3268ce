package io.pgconverge.it;

import io.pgconverge.lab.LabExtension;
import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.lab.LabNode;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17 on a fresh lab: a {@code peer map=...} rule with its declared ident map admits the mapped OS user over
 * the socket, and an hba rule that differs only in an option ({@code clientcert=}) is a change.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentAndHbaOptionsIT {
    private static final String ENGINE_RULE = "  - { type: local, database: all, user: postgres, method: peer }\n";
    private final CliProcess cli = new CliProcess();
    private RunningLab lab;
    private LabSql sql;
    private Path dir;

    @BeforeAll
    void convergeWithAnIdentMap(RunningLab lab) throws IOException {
        this.lab = lab;
        this.sql = new LabSql(lab);
        dir = Files.createDirectories(Path.of("target/it-ident"));
        write("ident.yml", "verify-ca");
        CliProcess.Result apply = run("ident.yml", "apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
    }

    /** The reference playbook with an ident map for the node's OS user, used by pgpool's peer rule. */
    private void write(String name, String clientcert) throws IOException {
        String reference = Files.readString(Path.of("playbooks/ha-cluster.yml"));
        String rules = ENGINE_RULE
                + "  - { type: local, database: all, user: pgpool, method: peer, options: map=ops }\n"
                + "  - { type: hostssl, database: all, user: pgpool, address: 10.99.0.0/16, method: scram-sha-256,"
                + " options: clientcert=" + clientcert + " }\n";
        Files.writeString(dir.resolve(name), reference.replace(ENGINE_RULE, rules)
                + "\nident:\n  - { map: ops, system_user: " + lab.nodeUser() + ", database_user: pgpool }\n");
    }

    @Test
    @Order(1)
    void theMappedOsUserLogsInAsItsDatabaseUserOverTheSocket() {
        assertEquals("pgpool", psqlAs("pgpool", "node2"));
        assertEquals("ops|" + lab.nodeUser() + "|pgpool", sql.query("node2",
                "SELECT map_name, sys_name, pg_username FROM pg_ident_file_mappings WHERE error IS NULL"));
        String rules = sql.query("node2", "SELECT array_to_string(options, ' ') FROM pg_hba_file_rules"
                + " WHERE 'pgpool' = ANY(user_name) ORDER BY line_number");
        assertTrue(rules.contains("map=ops"), rules);
    }

    @Test
    @Order(2)
    void theNextPlanIsEmpty() {
        CliProcess.Result plan = run("ident.yml", "plan", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), plan.all());
    }

    @Test
    @Order(3)
    void aRuleThatDiffersOnlyInClientcertIsAChange() throws IOException {
        write("verify-full.yml", "verify-full");
        CliProcess.Result plan = run("verify-full.yml", "plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan.all());
        assertTrue(plan.out().contains("clientcert=verify-full") && plan.out().contains("clientcert=verify-ca"),
                plan.out());
        assertEquals(List.of("node1/hba", "node2/hba", "node3/hba"), ConfigApplyIT.changes(
                run("verify-full.yml", "plan", "--format", "json").out()).stream().filter(id -> !id.endsWith("/reload"))
                .sorted().toList());
        CliProcess.Result apply = run("verify-full.yml", "apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        assertEquals(0, run("verify-full.yml", "plan", "--detailed-exitcode").exitCode());
        assertEquals("clientcert=verify-full", sql.query("node1", "SELECT array_to_string(options, ' ')"
                + " FROM pg_hba_file_rules WHERE type = 'hostssl'"));
    }

    private String psqlAs(String role, String node) {
        LabNode n = sql.node(node);
        return sql.shell(lab.pg().binDir() + "/psql -X -A -t -q -v ON_ERROR_STOP=1 -h " + n.runDir() + " -p " + n.port()
                + " -U " + role + " -d postgres -c 'SELECT current_user'\n");
    }

    private CliProcess.Result run(String playbook, String command, String... more) {
        return cli.run(dir.resolve(playbook), lab, command, more);
    }
}
