package io.pgconverge.transport;

import io.pgconverge.model.Secret;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PsqlPgSessionTest {
    /** Remembers the scripts and answers each with the same result. */
    private static final class RecordingShell implements RemoteShell {
        final List<String> scripts = new ArrayList<>();
        final CommandResult result;

        RecordingShell(CommandResult result) {
            this.result = result;
        }

        @Override
        public String host() {
            return "node1";
        }

        @Override
        public CommandResult run(String script, Duration timeout) {
            scripts.add(script);
            return result;
        }

        @Override
        public void close() {
        }
    }

    private static PsqlPgSession session(RecordingShell shell, Optional<Secret> password) {
        return new PsqlPgSession(shell, "/usr/lib/postgresql/15/bin/psql", "/var/run/postgresql", 5432, password,
                Duration.ofSeconds(10));
    }

    @Test
    void passesSqlOnStdinAndReturnsTheValue() {
        RecordingShell shell = new RecordingShell(new CommandResult(0, "{\"a\" : 1}\n", ""));
        assertEquals("{\"a\" : 1}", session(shell, Optional.empty()).queryValue("SELECT json_build_object('a', 1)"));
        String script = shell.scripts.get(0);
        String psqlLine = script.lines().filter(l -> l.contains("/psql'")).findFirst().orElseThrow();
        assertEquals("'/usr/lib/postgresql/15/bin/psql' -X -A -t -q -w -v ON_ERROR_STOP=1 -h '/var/run/postgresql' "
                + "-p 5432 -d postgres <<'PGCONVERGE_SQL'", psqlLine);
        assertTrue(script.contains("\nSELECT json_build_object('a', 1);\nPGCONVERGE_SQL\n"), script);
        assertFalse(script.contains("PGPASSFILE"));
    }

    @Test
    void putsThePasswordOnlyIntoATemporaryPassfile() {
        RecordingShell shell = new RecordingShell(new CommandResult(0, "1\n", ""));
        session(shell, Optional.of(new Secret("pa:ss\\word"))).queryValue("SELECT 1");
        String script = shell.scripts.get(0);
        assertTrue(script.contains("PASSTMP=$(mktemp)"));
        assertTrue(script.contains("export PGPASSFILE=/dev/fd/3"));
        assertTrue(script.contains("\n*:*:*:*:pa\\:ss\\\\word\n"), script);
        String psqlLine = script.lines().filter(l -> l.contains("/psql'")).findFirst().orElseThrow();
        assertFalse(psqlLine.contains("pa:ss"));
        assertTrue(script.indexOf("rm -f -- \"$PASSTMP\"") < script.indexOf("cat >&3"), "unlinked before written");
    }

    @Test
    void choosesADelimiterTheSqlDoesNotContain() {
        RecordingShell shell = new RecordingShell(new CommandResult(0, "", ""));
        session(shell, Optional.empty()).execute(List.of("SELECT 'PGCONVERGE_SQL'", "SELECT 2"));
        String script = shell.scripts.get(0);
        String delimiter = script.substring(script.indexOf("<<'") + 3, script.indexOf("'\n", script.indexOf("<<'")));
        assertTrue(delimiter.startsWith("PGCONVERGE_SQL_"), delimiter);
        assertTrue(script.contains("SELECT 'PGCONVERGE_SQL';\nSELECT 2;\n" + delimiter + "\n"));
    }

    @Test
    void reportsPsqlsMessage() {
        RecordingShell shell = new RecordingShell(new CommandResult(3, "", "psql:<stdin>:1: ERROR:  relation \"x\" does not exist\n"
                + "LINE 1: SELECT * FROM x;\n                      ^\n"));
        TransportException e = assertThrows(TransportException.class,
                () -> session(shell, Optional.empty()).queryValue("SELECT * FROM x"));
        assertEquals("node1: psql failed: ERROR:  relation \"x\" does not exist", e.getMessage());
    }

    @Test
    void refusesAPasswordWithALineBreak() {
        RecordingShell shell = new RecordingShell(new CommandResult(0, "", ""));
        TransportException e = assertThrows(TransportException.class,
                () -> session(shell, Optional.of(new Secret("a\nb"))).queryValue("SELECT 1"));
        assertFalse(e.getMessage().contains("a\nb"));
        assertTrue(shell.scripts.isEmpty());
    }
}
