package io.pgconverge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every case under src/test/resources/bad/NAME/ is refused by {@code validate} with exactly the messages of
 * its {@code expected} file, exit code 1 and nothing on stdout. A case holds a playbook.yml and/or an
 * inventory.yml (the other comes from src/test/resources/good/) and optionally an {@code args} file with
 * further arguments, one per line.
 */
class BadInputCorpusTest {
    private static final Path BAD = Path.of("src/test/resources/bad");
    private static final Path GOOD = Path.of("src/test/resources/good");

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(BAD)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithTheExpectedMessages(Path dir) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), arguments(dir).toArray(String[]::new));
        assertEquals(Files.readString(dir.resolve("expected")), err.toString());
        assertEquals("", out.toString());
        assertEquals(1, code);
    }

    @Test
    void theCorpusIsLargeAndEveryCaseHasItsExpectedMessages() throws IOException {
        List<Path> cases = cases().toList();
        assertTrue(cases.size() >= 40, "only " + cases.size() + " cases");
        for (Path dir : cases) {
            assertTrue(Files.isRegularFile(dir.resolve("expected")), dir + " has no expected file");
            assertFalse(Files.readString(dir.resolve("expected")).isBlank(), dir + " expects nothing");
        }
    }

    @Test
    void literalPasswordsAreNeverRepeated() throws IOException {
        for (String name : List.of("secret-literal-password", "secret-unknown-key", "setting-literal-password")) {
            String expected = Files.readString(BAD.resolve(name).resolve("expected"));
            for (String secret : List.of("Sup3rSecret", "hunter2", "replPasswd")) {
                assertFalse(expected.contains(secret), name + " shows a password");
            }
        }
    }

    private static List<String> arguments(Path dir) throws IOException {
        Path playbook = Files.exists(dir.resolve("playbook.yml")) ? dir.resolve("playbook.yml")
                : GOOD.resolve("playbook.yml");
        Path inventory = Files.exists(dir.resolve("inventory.yml")) ? dir.resolve("inventory.yml")
                : GOOD.resolve("inventory.yml");
        List<String> extra = Files.exists(dir.resolve("args"))
                ? Files.readAllLines(dir.resolve("args")).stream().filter(l -> !l.isEmpty()).toList() : List.of();
        List<String> args = new ArrayList<>(List.of("validate", playbook.toString()));
        if (!extra.contains("-i")) {
            args.addAll(List.of("-i", inventory.toString()));
        }
        args.addAll(extra);
        return args;
    }
}
