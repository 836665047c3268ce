package io.pgconverge.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code --ask-vault-pass} without a terminal to ask on (as under a test runner): one clear error, exit 1. */
class AskVaultPassTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("PGC_REPL_PASSWORD", "r",
            "PGC_POSTGRES_PASSWORD", "p", "PGC_PGPOOL_PASSWORD", "q");

    @Test
    void everyCommandThatReadsSecretsSaysWhatToUseInsteadAndTouchesNothing() {
        for (String command : List.of("validate", "plan", "apply", "facts", "status", "ping")) {
            CliRun r = CliRun.of(ENVIRONMENT, command, "playbooks/ha-cluster.yml", "-i",
                    "src/test/resources/inventories/lab.yml", "--ask-vault-pass");
            assertEquals(1, r.code(), command + ": " + r);
            assertEquals("", r.out(), command + ": " + r);
            assertEquals("error: --ask-vault-pass needs a terminal; give the password with --vault-password-file FILE"
                    + " instead\n", r.err(), command + ": " + r);
        }
    }
}
