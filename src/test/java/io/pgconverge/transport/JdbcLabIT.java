package io.pgconverge.transport;

import io.pgconverge.lab.LabExtension;
import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.lab.LabNode;
import io.pgconverge.model.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JDBC against every lab node through an sshj tunnel. The fresh lab allows only peer over the socket and
 * scram over TCP, so a dedicated role pgc_it gets a password (set by psql over the SSH shell, SQL on stdin)
 * for the test and is dropped afterwards.
 */
@ExtendWith(LabExtension.class)
class JdbcLabIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String ROLE = "pgc_it";
    private final Secret password = new Secret(HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));

    @BeforeEach
    void createRole(RunningLab lab) {
        for (LabNode n : lab.nodes()) {
            psql(lab, n, "DROP ROLE IF EXISTS " + ROLE + ";\nCREATE ROLE " + ROLE + " LOGIN PASSWORD '"
                    + password.reveal() + "';");
        }
    }

    @AfterEach
    void dropRole(RunningLab lab) {
        for (LabNode n : lab.nodes()) {
            psql(lab, n, "DROP ROLE IF EXISTS " + ROLE + ";");
        }
    }

    @Test
    void everyNodeHasItsOwnSystemIdentifierThroughTheTunnel(RunningLab lab) {
        Set<String> identifiers = new HashSet<>();
        for (LabNode n : lab.nodes()) {
            try (SshjRemoteShell shell = SshjRemoteShell.connect(lab.host(n), TIMEOUT);
                 JdbcPgSession pg = JdbcPgSession.throughTunnel(shell, n.address(), n.port(), "postgres", ROLE,
                         password, TIMEOUT)) {
                String id = pg.queryValue("SELECT system_identifier FROM pg_control_system()");
                assertTrue(id.matches("\\d{10,}"), id);
                assertEquals(n.address(), pg.queryValue("SHOW listen_addresses"));
                identifiers.add(id);
            }
        }
        assertEquals(LabExtension.NODES, identifiers.size(), identifiers.toString());
    }

    @Test
    void directConnectionAndStatements(RunningLab lab) {
        LabNode n = lab.nodes().get(0);
        try (JdbcPgSession pg = JdbcPgSession.connect(n.name(), n.address(), n.port(), "postgres", ROLE, password,
                TIMEOUT)) {
            pg.execute(List.of("CREATE TEMP TABLE t (x int)", "INSERT INTO t VALUES (41), (1)"));
            assertEquals("42", pg.queryValue("SELECT sum(x) FROM t"));
            TransportException e = assertThrows(TransportException.class,
                    () -> pg.execute(List.of("ALTER ROLE nobody_here PASSWORD 'not-shown'")));
            assertTrue(e.getMessage().startsWith(n.name() + ": statement failed (ALTER ROLE)"), e.getMessage());
            assertTrue(!e.getMessage().contains("not-shown"), e.getMessage());
        }
    }

    @Test
    void aWrongPasswordIsOneSentenceWithoutThePassword(RunningLab lab) {
        LabNode n = lab.nodes().get(0);
        Secret wrong = new Secret("wrong-" + password.reveal());
        TransportException e = assertThrows(TransportException.class, () -> JdbcPgSession.connect(n.name(),
                n.address(), n.port(), "postgres", ROLE, wrong, TIMEOUT));
        assertTrue(e.getMessage().startsWith(n.name() + ": cannot connect to PostgreSQL at " + n.address() + ":"
                + n.port() + " as " + ROLE + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
        assertTrue(!e.getMessage().contains(wrong.reveal()));
    }

    private static void psql(RunningLab lab, LabNode n, String sql) {
        try (SshjRemoteShell shell = SshjRemoteShell.connect(lab.host(n), TIMEOUT)) {
            String script = "sudo -n -u postgres psql -X -q -v ON_ERROR_STOP=1 -h " + n.runDir() + " -p " + n.port()
                    + " -d postgres <<'PGC_SQL'\n" + sql + "\nPGC_SQL\n";
            CommandResult r = shell.run(script, TIMEOUT);
            assertEquals(0, r.exitCode(), r.stderr());
        }
    }
}
