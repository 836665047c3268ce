package io.pgconverge.it;

import io.pgconverge.lab.LabExtension;
import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.lab.LabNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Ansible project as an Ansible user has one, encrypted with the real ansible-vault, builds the lab's cluster from
 * nothing in one apply: an INI inventory with a group, its vars and a parent group; group_vars/all.yml for the
 * connection; a group's vault.yml encrypted whole; node2's sudo password encrypted with {@code encrypt_string}
 * under the vault id prod (format 1.2); the roles' passwords vaulted in the playbook. The standbys stream, the next
 * plan is empty, {@code --limit} works, and no decrypted secret shows in any output, file of the project, plan
 * file, or file under the nodes' /tmp and /var/lib/postgresql.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnsibleProjectIT {
    private static final String GROUP = "pg_lab";
    private final CliProcess cli = new CliProcess();
    private final List<String> outputs = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();
    private RunningLab lab;
    private LabSql sql;
    private Path project;
    private SecretScan scan;
    private long replPasswordLine;

    @BeforeAll
    void buildTheProject(RunningLab lab) throws IOException {
        this.lab = lab;
        this.sql = new LabSql(lab);
        String become = Files.readString(lab.becomePassword()).strip();
        String suffix = Long.toHexString(System.nanoTime());
        String repl = "repl-vaulted-" + suffix;
        String postgres = "postgres-vaulted-" + suffix;
        String pgpool = "pgpool-vaulted-" + suffix;
        secrets.addAll(List.of(become, repl, postgres, pgpool));
        project = Files.createTempDirectory("pgc-ansible-project");
        Files.writeString(project.resolve(".vault-pass"), "default horse " + suffix + "\n");
        Files.writeString(project.resolve(".vault-pass-prod"), "prod battery " + suffix + "\n");
        Files.writeString(project.resolve("hosts.ini"), inventory());
        Path groupVars = Files.createDirectories(project.resolve("group_vars/" + GROUP));
        Files.writeString(project.resolve("group_vars/all.yml"), "ansible_user: " + lab.nodeUser() + "\n"
                + "ansible_become: true\n"
                + "ansible_ssh_private_key_file: " + lab.clientKey() + "\n"
                + "ansible_ssh_common_args: '-o UserKnownHostsFile=" + lab.knownHosts() + "'\n");
        Path vault = groupVars.resolve("vault.yml");
        Files.writeString(vault, "pg_service: pg_ctlcluster\npg_port: 5432\n");
        ansibleVault("", "encrypt", "--vault-id", "prod@" + project.resolve(".vault-pass-prod"), vault.toString());
        assertTrue(Files.readString(vault).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod"), Files.readString(vault));
        Files.createDirectories(project.resolve("host_vars"));
        Files.writeString(project.resolve("host_vars/node2.yml"),
                "ansible_become_password: " + encryptString(become, "prod"));
        Files.writeString(project.resolve("site.yml"), playbook(repl, postgres, pgpool));
        scan = SecretScan.sampling(secrets);
    }

    private String inventory() {
        StringBuilder ini = new StringBuilder("# the lab's PostgreSQL nodes\n[" + GROUP + "]\n");
        for (LabNode n : lab.nodes()) {
            ini.append(n.name()).append(" ansible_host=").append(n.address()).append('\n');
        }
        return ini.append("\n[").append(GROUP).append(":vars]\npg_version=").append(lab.pgVersion()).append('\n')
                .append("\n[databases:children]\n").append(GROUP).append('\n').toString();
    }

    /** The reference playbook with the hosts of this project and every role's password vaulted. */
    private String playbook(String repl, String postgres, String pgpool) throws IOException {
        String reference = Files.readString(Path.of("playbooks/ha-cluster.yml"));
        String head = reference.substring(0, reference.indexOf("\nroles:") + 1)
                .replaceFirst("(?m)^  version: 15$", "  version: " + lab.pgVersion());
        String tail = reference.substring(reference.indexOf("\nreplication:") + 1);
        String beforeRepl = head + "roles:\n"
                + "  - name: repl\n    login: true\n    replication: true\n    connection_limit: 5\n";
        replPasswordLine = beforeRepl.lines().count() + 1;
        return beforeRepl + "    password: " + encryptString(repl, "prod")
                + "  - name: postgres\n    password: " + encryptString(postgres, "default")
                + "  - name: pgpool\n    login: true\n    password: " + encryptString(pgpool, "default")
                + tail;
    }

    /** {@code ansible-vault encrypt_string} of a value read from standard input: {@code !vault |} and the block. */
    private String encryptString(String value, String id) {
        Path file = project.resolve(id.equals("default") ? ".vault-pass" : ".vault-pass-" + id);
        String out = ansibleVault(value, "encrypt_string", "--vault-id", id + "@" + file);
        assertTrue(out.startsWith("!vault |\n"), out);
        assertTrue(out.contains(id.equals("default") ? "$ANSIBLE_VAULT;1.1;AES256\n"
                : "$ANSIBLE_VAULT;1.2;AES256;" + id + "\n"), out);
        return out.endsWith("\n") ? out : out + "\n";
    }

    /** The real ansible-vault (scripts/install-deps installs ansible-core); standard output, which must exit 0. */
    private String ansibleVault(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("ansible-vault"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(project.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ansible-vault " + args[0]);
            assertEquals(0, p.exitValue(), "ansible-vault " + String.join(" ", args) + ": " + out);
            return out;
        } catch (IOException e) {
            throw new AssertionError("ansible-vault is not installed; scripts/install-deps installs ansible-core", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private CliProcess.Result pgconverge(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, project.resolve("site.yml").toString(),
                "-i", project.resolve("hosts.ini").toString(),
                "--vault-password-file", project.resolve(".vault-pass").toString(),
                "--vault-password-file", "prod@" + project.resolve(".vault-pass-prod")));
        args.addAll(List.of(more));
        CliProcess.Result r = cli.run(args);
        outputs.add(r.all());
        return r;
    }

    @Test
    @Order(1)
    void oneApplyBuildsTheClusterFromNothingAndTheStandbysStream() {
        CliProcess.Result apply = pgconverge("apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        assertTrue(apply.out().contains("Apply complete"), apply.out());
        assertEquals("streaming\nstreaming", sql.await("node1", "SELECT state FROM pg_stat_replication"
                + " ORDER BY application_name", "streaming\nstreaming"::equals, Duration.ofSeconds(60)));
        assertEquals("t", sql.query("node2", "SELECT pg_is_in_recovery()"));
        assertEquals("t", sql.query("node3", "SELECT pg_is_in_recovery()"));
        sql.query("node1", "CREATE TABLE ansible_project (written text); INSERT INTO ansible_project"
                + " VALUES ('by the primary')");
        for (String standby : List.of("node2", "node3")) {
            assertEquals("by the primary", sql.await(standby, "SELECT coalesce((SELECT written FROM ansible_project),"
                    + " '') WHERE to_regclass('ansible_project') IS NOT NULL", "by the primary"::equals,
                    Duration.ofSeconds(60)), standby);
        }
    }

    @Test
    @Order(2)
    void theNextPlanIsEmptyAndALimitedPlanWorks() {
        CliProcess.Result plan = pgconverge("plan", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), plan.all());
        CliProcess.Result limited = pgconverge("plan", "--detailed-exitcode", "--limit", "node3");
        assertEquals(0, limited.exitCode(), limited.all());
        CliProcess.Result ping = pgconverge("ping", "--limit", "node2");
        assertEquals(0, ping.exitCode(), ping.all());
        assertTrue(ping.out().contains("node2") && !ping.out().contains("node1"), ping.out());
    }

    @Test
    @Order(3)
    void withoutTheProdVaultPasswordEachValueItCannotOpenIsNamedWhereItIsWritten() {
        List<String> args = List.of("plan", project.resolve("site.yml").toString(), "-i",
                project.resolve("hosts.ini").toString(), "--vault-password-file",
                project.resolve(".vault-pass").toString());
        CliProcess.Result plan = cli.run(args);
        outputs.add(plan.all());
        assertEquals(1, plan.exitCode(), plan.all());
        Path vault = project.resolve("group_vars/" + GROUP + "/vault.yml");
        assertEquals(List.of(vault + ": " + vault + " is encrypted with ansible-vault (vault id prod) and no vault"
                        + " password given opens it",
                project.resolve("site.yml") + ":" + replPasswordLine + ":15: the value is encrypted with ansible-vault"
                        + " (vault id prod) and no vault password given opens it"),
                plan.err().strip().lines().toList());
    }

    @AfterAll
    void noDecryptedSecretAnywhere() throws IOException {
        Path planFile = Files.createTempFile("pgc-ansible-plan", ".json");
        CliProcess.Result plan = pgconverge("plan", "--out", planFile.toString(), "--format", "json");
        assertEquals(0, plan.exitCode(), plan.all());
        scan.close();
        scan.text("plan file", Files.readString(planFile));
        Files.delete(planFile);
        outputs.forEach(o -> scan.text("output", o));
        scan.files(List.of(project), "/.never");
        String passfile = "/etc/postgresql/" + lab.pgVersion() + "/main/pgconverge.pgpass";
        assertEquals(List.of(passfile), filesHolding("node2", passfile),
                "the search finds the replication password in the walreceiver's passfile, where it belongs");
        List<String> onNodes = new ArrayList<>();
        for (LabNode n : lab.nodes()) {
            filesHolding(n.name(), "/tmp", "/var/lib/postgresql").forEach(f -> onNodes.add(n.name() + ":" + f));
        }
        System.out.println("secrets: " + scan.samples() + " samples of every process's command line and environment, "
                + outputs.size() + " outputs, a plan file, the project's files and the nodes' /tmp and"
                + " /var/lib/postgresql searched: " + (scan.found().size() + onNodes.size()) + " found");
        assertEquals(List.of(), scan.found());
        assertEquals(List.of(), onNodes);
    }

    /** The files under {@code paths} on a node that hold a secret; the secrets reach grep on a descriptor. */
    private List<String> filesHolding(String node, String... paths) {
        String patterns = secrets.stream().map(s -> "'" + s + "'").collect(Collectors.joining(" "));
        return sql.rootShell(node, "grep -rlsaF -f <(printf '%s\\n' " + patterns + ") " + String.join(" ", paths)
                + " || true").lines().filter(l -> !l.isBlank()).toList();
    }
}
