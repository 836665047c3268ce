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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a fresh lab: the reference playbook configures every node (checked with psql and JDBC, not with
 * pgconverge), the next plan is empty, drift on one node is exactly that drift, a password change is one
 * sensitive change.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigApplyIT {
    private static final String AUTO_CONF_HINTS = "SELECT count(*) FROM pg_file_settings"
            + " WHERE name = 'wal_log_hints' AND sourcefile LIKE '%postgresql.auto.conf'";
    private final CliProcess cli = new CliProcess();
    private RunningLab lab;
    private LabSql sql;

    @BeforeAll
    void applyThePlaybook(RunningLab lab) {
        this.lab = lab;
        this.sql = new LabSql(lab);
        CliProcess.Result r = cli.run(lab, "apply", "--yes");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("Apply complete"), r.out());
    }

    @Test
    @Order(1)
    void settingsHbaAndRolesAreInPlaceOnEveryNode() {
        for (String node : List.of("node1", "node2", "node3")) {
            assertEquals("*", sql.query(node, "SHOW listen_addresses"), node);
            assertEquals("on", sql.query(node, "SHOW wal_log_hints"), node);
            assertEquals("replica", sql.query(node, "SHOW wal_level"), node);
            String rules = sql.query(node, "SELECT type || ' ' || array_to_string(database, ',') || ' '"
                    + " || array_to_string(user_name, ',') || ' ' || coalesce(address, '') || ' ' || auth_method"
                    + " FROM pg_hba_file_rules ORDER BY line_number");
            assertTrue(rules.startsWith("local all postgres  peer\n"), rules);
            assertTrue(rules.contains("host replication repl 127.0.0.0 scram-sha-256"), rules);
            assertFalse(sql.query(node, "SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL")
                    .equals("1"), node);
        }
        assertEquals("t|t|5", sql.query("node1", "SELECT rolcanlogin, rolreplication, rolconnlimit FROM pg_roles"
                + " WHERE rolname = 'repl'"));
        assertEquals("SCRAM-SHA-256", sql.query("node1", "SELECT left(rolpassword, 13) FROM pg_authid"
                + " WHERE rolname = 'pgpool'"));
    }

    /**
     * From the lab machine (127.1.K.254 to the nodes), as the playbook admits: postgres and pgpool to any database,
     * repl to replication only, so repl opens a physical replication connection and identifies the system.
     */
    @Test
    @Order(2)
    void everyRoleLogsInOverTcpWithItsPassword() throws SQLException {
        for (String[] role : List.of(new String[] {"postgres", "PGC_POSTGRES_PASSWORD"},
                new String[] {"pgpool", "PGC_PGPOOL_PASSWORD"})) {
            assertEquals(role[0], login("node1", role[0], cli.secret(role[1])));
        }
        assertEquals(sql.query("node1", "SELECT system_identifier FROM pg_control_system()"),
                replicationLogin("node1", "repl", cli.secret("PGC_REPL_PASSWORD")));
        assertThrows(SQLException.class, () -> login("node1", "pgpool", "not-the-password"));
        assertThrows(SQLException.class, () -> replicationLogin("node1", "repl", "not-the-password"));
    }

    @Test
    @Order(3)
    void theNextPlanIsEmpty() {
        CliProcess.Result r = cli.run(lab, "plan", "--detailed-exitcode");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("No changes"), r.out());
    }

    @Test
    @Order(4)
    void driftOnOneNodeIsExactlyThatDriftAndApplyUndoesIt() {
        sql.query("node2", "ALTER SYSTEM SET wal_log_hints = off");
        sql.shell("node2", "echo 'host all all 10.9.9.0/24 trust' >> " + sql.node("node2").hbaFile() + "\n");
        CliProcess.Result plan = cli.run(lab, "plan", "--detailed-exitcode", "--format", "json");
        assertEquals(2, plan.exitCode(), plan.all());
        List<String> changed = changes(plan.out());
        assertTrue(changed.stream().allMatch(id -> id.startsWith("node2/")), changed.toString());
        assertTrue(changed.contains("node2/hba"), changed.toString());
        assertTrue(changed.stream().anyMatch(id -> id.contains("alter-system") || id.contains("auto.conf")),
                changed.toString());
        CliProcess.Result apply = cli.run(lab, "apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        assertEquals("on", sql.query("node2", "SHOW wal_log_hints"));
        assertEquals("0", sql.query("node2", "SELECT count(*) FROM pg_hba_file_rules WHERE '10.9.9.0' = address"));
        assertEquals(0, cli.run(lab, "plan", "--detailed-exitcode").exitCode());
    }

    @Test
    @Order(5)
    void aNewPasswordIsOneSensitiveChangeAndApplies() throws SQLException {
        CliProcess changed = new CliProcess().with("PGC_PGPOOL_PASSWORD", "it-pgpool-secret-2");
        CliProcess.Result plan = changed.run(lab, "plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan.all());
        assertTrue(plan.out().contains("ALTER ROLE \"pgpool\" WITH PASSWORD (sensitive);"), plan.out());
        assertFalse(plan.all().contains("it-pgpool-secret-2"), "the password must not show");
        assertEquals(List.of("node1/role/pgpool"), changes(changed.run(lab, "plan", "--format", "json").out()));
        CliProcess.Result apply = changed.run(lab, "apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.all());
        assertFalse(apply.all().contains("it-pgpool-secret-2"));
        assertEquals("pgpool", login("node1", "pgpool", "it-pgpool-secret-2"));
        assertEquals(0, changed.run(lab, "plan", "--detailed-exitcode").exitCode());
    }

    @Test
    @Order(6)
    void applyWithoutYesRefusesWhenStdinIsNoTerminalAndChangesNothing() {
        sql.query("node3", "ALTER SYSTEM SET wal_log_hints = off");
        CliProcess.Result r = cli.run(lab, "apply");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.err().contains("--yes"), r.err());
        assertEquals("1", sql.query("node3", AUTO_CONF_HINTS), "the ALTER SYSTEM value is still there");
    }

    @Test
    @Order(7)
    void aSavedPlanAppliesWhileTheFactsHoldAndIsRefusedOnceTheyChanged() throws java.io.IOException {
        java.nio.file.Path planFile = java.nio.file.Files.createTempFile("pgconverge-plan", ".json");
        try {
            assertEquals(2, cli.run(lab, "plan", "--out", planFile.toString(), "--detailed-exitcode").exitCode());
            sql.shell("node1", "echo 'host all all 10.9.8.0/24 reject' >> " + sql.node("node1").hbaFile() + "\n");
            CliProcess.Result stale = cli.run(List.of("apply", "--plan", planFile.toString(), "--yes"));
            assertEquals(1, stale.exitCode(), stale.all());
            assertTrue(stale.err().contains("stale") && stale.err().contains("node1"), stale.err());
            assertEquals("1", sql.query("node3", AUTO_CONF_HINTS), "nothing was applied");

            assertEquals(2, cli.run(lab, "plan", "--out", planFile.toString(), "--detailed-exitcode").exitCode());
            CliProcess.Result fresh = cli.run(List.of("apply", "--plan", planFile.toString(), "--yes"));
            assertEquals(0, fresh.exitCode(), fresh.all());
            assertEquals("0", sql.query("node3", AUTO_CONF_HINTS));
            assertEquals("on", sql.query("node3", "SHOW wal_log_hints"));
            assertEquals(0, cli.run(lab, "plan", "--detailed-exitcode").exitCode());
        } finally {
            java.nio.file.Files.deleteIfExists(planFile);
        }
    }

    private String login(String node, String user, String password) throws SQLException {
        var n = sql.node(node);
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + n.address() + ":" + n.port()
                + "/postgres", p); ResultSet rs = c.createStatement().executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A physical replication connection (what a standby opens); returns the system identifier it reports. */
    private String replicationLogin(String node, String user, String password) throws SQLException {
        var n = sql.node(node);
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("replication", "true");
        p.setProperty("assumeMinServerVersion", "9.4");
        p.setProperty("preferQueryMode", "simple");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + n.address() + ":" + n.port()
                + "/postgres", p); ResultSet rs = c.createStatement().executeQuery("IDENTIFY_SYSTEM")) {
            rs.next();
            return rs.getString("systemid");
        }
    }

    /** The plan's tasks that change something: verification and the applied records are not changes. */
    static List<String> changes(String planJson) {
        return taskIds(planJson).stream().filter(id -> !id.endsWith("/verify") && !id.endsWith("/record-applied"))
                .toList();
    }

    static List<String> taskIds(String planJson) {
        try {
            var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(planJson);
            return java.util.stream.StreamSupport.stream(root.path("tasks").spliterator(), false)
                    .map(t -> t.path("id").asText()).toList();
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + planJson, e);
        }
    }

}
