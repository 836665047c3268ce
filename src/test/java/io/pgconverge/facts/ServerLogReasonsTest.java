package io.pgconverge.facts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServerLogReasonsTest {
    @Test
    void theLastFatalLineWithItsDetailAndHint() {
        String tail = """
                2026-12-03 10:00:00.100 UTC [41] LOG:  starting PostgreSQL 15.10 on x86_64-pc-linux-gnu
                2026-12-03 10:00:00.200 UTC [41] FATAL:  could not load pg_hba.conf
                2026-12-03 10:00:01.000 UTC [52] LOG:  entering standby mode
                2026-12-03 10:00:01.010 UTC [52] FATAL:  recovery aborted because of insufficient parameter settings
                2026-12-03 10:00:01.010 UTC [52] DETAIL:  max_connections = 50 is a lower setting than on the primary server, where its value was 200.
                2026-12-03 10:00:01.010 UTC [52] HINT:  You can restart the server after making the necessary configuration changes.
                2026-12-03 10:00:01.020 UTC [50] LOG:  startup process (PID 52) exited with exit code 1
                """;
        assertEquals(List.of("FATAL: recovery aborted because of insufficient parameter settings",
                "DETAIL: max_connections = 50 is a lower setting than on the primary server, where its value was 200.",
                "HINT: You can restart the server after making the necessary configuration changes."),
                ServerLogReasons.of(tail));
    }

    @Test
    void noSevereLineNoReason() {
        assertEquals(List.of(), ServerLogReasons.of("LOG:  database system is ready to accept connections\n"));
    }
}
