package io.pgconverge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void labWithoutAnActionSaysWhatToDo() {
        assertEquals(1, run("lab"));
        assertTrue(err.toString().contains("say what to do: lab up, lab down or lab status"), err.toString());
    }

    @Test
    void statusOfADirectoryWithoutALabSaysSo(@TempDir Path tmp) {
        Path dir = tmp.resolve("none");
        assertEquals(0, run("lab", "status", "--dir", dir.toString()));
        assertEquals("No lab in " + dir + " (start one with: pgconverge lab up).\n", out.toString());
    }

    @Test
    void aNodeCountOutOfRangeIsOneSentence(@TempDir Path tmp) {
        assertEquals(1, run("lab", "up", "--nodes", "0", "--dir", tmp.resolve("lab").toString()));
        assertEquals("error: the lab has 1 to 250 nodes, not 0\n", err.toString());
    }

    @Test
    void anUnsafeDirectoryIsRefused() {
        assertEquals(1, run("lab", "up", "--dir", "/tmp/with space"));
        assertTrue(err.toString().startsWith("error: lab directory /tmp/with space contains characters")
                && !java.nio.file.Files.exists(Path.of("/tmp/with space")),
                err.toString());
    }

    @Test
    void everyLabActionHasItsHelp() {
        for (String action : new String[] {"up", "down", "status"}) {
            out.getBuffer().setLength(0);
            assertEquals(0, run("lab", action, "--help"), err.toString());
            assertTrue(out.toString().startsWith("Usage: pgconverge lab " + action + " "), out.toString());
        }
    }

    /** Only the command that runs is built; help of the whole tool and of another command still lists all. */
    @Test
    void theCommandNamedIsTheOnlyOneBuiltAndHelpListsThemAll() {
        assertEquals(java.util.List.of(LabCommand.class), Main.commandsFor("--debug", "lab", "up"));
        assertEquals(10, Main.commandsFor("--help").size());
        assertEquals(10, Main.commandsFor("completion").size());
        assertEquals(10, Main.commandsFor("no-such-command").size());
        assertEquals(0, run("--help"));
        for (String name : new String[] {"lab", "validate", "facts", "plan", "apply", "graph", "ping", "status",
                "unlock", "completion"}) {
            assertTrue(out.toString().contains("\n  " + name + " "), name + " in:\n" + out);
        }
    }
}
