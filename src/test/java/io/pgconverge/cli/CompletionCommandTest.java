package io.pgconverge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The completion script, sourced by a real bash, completes commands and options. */
class CompletionCommandTest {
    @TempDir
    Path dir;

    @Test
    void bashCompletesCommandsAndTheirOptions() throws Exception {
        CliRun run = CliRun.of(Map.of(), "completion");
        assertEquals(0, run.code(), run.err());
        Path script = dir.resolve("pgconverge.bash");
        Files.writeString(script, run.out());
        assertEquals("plan", complete(script, "pgconverge pl"));
        String limit = complete(script, "pgconverge plan --li");
        assertTrue(limit.contains("--limit"), limit);
        assertTrue(complete(script, "pgconverge apply --vault-pa").contains("--vault-password-file"));
    }

    private static String complete(Path script, String line) throws IOException, InterruptedException {
        String bash = "source " + script + "\n"
                + "COMP_LINE='" + line + "'; read -ra COMP_WORDS <<< \"$COMP_LINE\"; COMP_CWORD=$((${#COMP_WORDS[@]}-1));"
                + " COMP_POINT=${#COMP_LINE}; _complete_pgconverge; echo \"${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
