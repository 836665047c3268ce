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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a fresh lab: the plan compares the playbook with the values in effect. A value overridden by a
 * later line, an include, an include_if_exists or an include_dir file is a change naming file and line, and one
 * apply puts the playbook's value back in effect; the same value in another unit raises nothing. A
 * {@code peer map=...} rule with its declared ident map admits the mapped OS user over the socket, and an hba rule
 * that differs only in {@code clientcert=} is a change.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EffectiveSettingsIT {
    private static final String ENGINE_RULE = "  - { type: local, database: all, user: postgres, method: peer }\n";
    private final CliProcess cli = new CliProcess();
    private RunningLab lab;
    private LabSql sql;
    private Path playbook;

    @BeforeAll
    void convergeWithWorkMem(RunningLab lab) throws IOException {
        this.lab = lab;
        this.sql = new LabSql(lab);
        playbook = write("effective.yml", "verify-ca");
        String conf = sql.node("node2").configFile().toString();
        sql.shell("node2", "sed -i -E 's/^#?shared_buffers[[:space:]]*=.*/shared_buffers = 16384/' " + conf + "\n");
        CliProcess.Result first = run("plan");
        assertFalse(first.all().contains("shared_buffers = '16384'"), first.all());
        assertFalse(first.all().contains("overrides"), first.all());
        CliProcess.Result apply = run("apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        assertEquals("4MB", sql.query("node2", "SHOW work_mem"));
        assertEquals("128MB", sql.query("node2", "SHOW shared_buffers"));
    }

    @Test
    @Order(1)
    void theFirstNextPlanIsEmptyAndSaysNothingAboutEqualValuesInOtherUnits() {
        CliProcess.Result plan = run("plan", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), plan.all());
        assertTrue(plan.out().contains("No changes"), plan.out());
        assertFalse(plan.all().contains("shared_buffers"), plan.all());
    }

    @Test
    @Order(2)
    void aLaterLineIsAChangeAndIsCommentedOut() {
        String conf = sql.node("node2").configFile().toString();
        sql.shell("node2", "echo 'work_mem = 32MB' >> " + conf + "\n");
        overriddenThenRestored("32MB", conf + " line ");
        assertTrue(sql.shell("node2", "cat " + conf).contains("# commented out by pgconverge: effective.yml sets work_mem "
                + "# work_mem = 32MB"));
    }

    @Test
    @Order(3)
    void anIncludeIsAChangeAndTheEnginesIncludeMovesLast() {
        includedOverride("late.conf", "work_mem = 16MB\n", "include 'late.conf'", "16MB", 1);
    }

    @Test
    @Order(4)
    void anIncludeIfExistsIsAChange() {
        includedOverride("later.conf", "# later\nwork_mem = 24MB\n", "include_if_exists = 'later.conf'", "24MB", 2);
    }

    @Test
    @Order(5)
    void anIncludeDirFileIsAChange() {
        includedOverride("conf.d/50-tuning.conf", "work_mem = 8MB\n", "include_dir = 'conf.d'", "8MB", 1);
    }

    @Test
    @Order(6)
    void factsShowTheIncludeChain() {
        CliProcess.Result facts = run("facts");
        assertEquals(0, facts.exitCode(), facts.all());
        Path confDir = sql.node("node2").confDir();
        assertTrue(facts.out().contains(confDir.resolve("conf.d/50-tuning.conf").toString()), facts.out());
        CliProcess.Result json = run("facts", "--json");
        assertTrue(json.out().contains("\"sourceline\""), json.out());
    }

    @Test
    @Order(7)
    void theMappedOsUserLogsInAsItsDatabaseUserOverTheSocket() {
        LabNode n = sql.node("node2");
        assertEquals("pgpool", sql.shell("node2", n.binDir() + "/psql -X -A -t -q -v ON_ERROR_STOP=1 -h " + n.runDir()
                + " -p " + n.port() + " -U pgpool -d postgres -c 'SELECT current_user'\n"));
        assertEquals("ops|postgres|pgpool", sql.query("node2",
                "SELECT map_name, sys_name, pg_username FROM pg_ident_file_mappings WHERE error IS NULL"));
        assertTrue(sql.query("node2", "SELECT array_to_string(options, ' ') FROM pg_hba_file_rules"
                + " WHERE 'pgpool' = ANY(user_name) AND type = 'local'").contains("map=ops"));
    }

    @Test
    @Order(8)
    void aRuleThatDiffersOnlyInClientcertIsAChange() throws IOException {
        playbook = write("verify-full.yml", "verify-full");
        CliProcess.Result plan = run("plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan.all());
        assertTrue(plan.out().contains("clientcert=verify-full") && plan.out().contains("clientcert=verify-ca"),
                plan.out());
        assertEquals(List.of("node1/hba", "node2/hba", "node3/hba"), ConfigApplyIT.changes(
                run("plan", "--format", "json").out()).stream().filter(id -> !id.endsWith("/reload")).sorted().toList());
        CliProcess.Result apply = run("apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        assertEquals(0, run("plan", "--detailed-exitcode").exitCode());
        assertEquals("clientcert=verify-full", sql.query("node1", "SELECT array_to_string(options, ' ')"
                + " FROM pg_hba_file_rules WHERE type = 'hostssl'"));
    }

    /**
     * The reference playbook with work_mem and shared_buffers, an ident map for the node's OS user that pgpool's
     * peer rule uses, and a hostssl rule with {@code clientcert}.
     */
    private Path write(String name, String clientcert) throws IOException {
        String reference = Files.readString(Path.of("playbooks/ha-cluster.yml"));
        String rules = ENGINE_RULE
                + "  - { type: local, database: all, user: pgpool, method: peer, options: map=ops }\n"
                + "  - { type: hostssl, database: all, user: pgpool, address: 10.99.0.0/16, method: scram-sha-256,"
                + " options: clientcert=" + clientcert + " }\n";
        Path file = Files.createDirectories(Path.of("target/it-effective")).resolve(name);
        Files.writeString(file, reference.replace(ENGINE_RULE, rules)
                .replace("settings:\n", "settings:\n  work_mem: 4MB\n  shared_buffers: 128MB\n")
                + "\nident:\n  - { map: ops, system_user: postgres, database_user: pgpool }\n");
        return file;
    }

    /** {@code file} (below the configuration directory) holds {@code text}; postgresql.conf ends with {@code directive}. */
    private void includedOverride(String file, String text, String directive, String overriding, int line) {
        Path path = sql.node("node2").confDir().resolve(file);
        sql.shell("node2", "mkdir -p " + path.getParent() + "\nprintf '" + text.replace("\n", "\\n") + "' > " + path + "\n"
                + "echo \"" + directive + "\" >> " + sql.node("node2").configFile() + "\n");
        overriddenThenRestored(overriding, path + " line " + line);
    }

    /** The override is in effect, the plan names it (exit 2), apply restores 4MB, the next plan is empty. */
    private void overriddenThenRestored(String overriding, String origin) {
        sql.query("node2", "SELECT pg_reload_conf()");
        sql.await("node2", "SHOW work_mem", overriding::equals, java.time.Duration.ofSeconds(10));
        CliProcess.Result plan = run("plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan.all());
        assertTrue(plan.out().contains(origin), plan.out());
        CliProcess.Result apply = run("apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        sql.await("node2", "SHOW work_mem", "4MB"::equals, java.time.Duration.ofSeconds(10));
        CliProcess.Result next = run("plan", "--detailed-exitcode");
        assertEquals(0, next.exitCode(), next.all());
    }

    private CliProcess.Result run(String command, String... more) {
        return cli.run(playbook, lab, command, more);
    }
}
