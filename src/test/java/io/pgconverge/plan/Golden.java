package io.pgconverge.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden files under src/test/resources/golden/CASE/FILE. A missing golden file fails the test; they are
 * written only when the build runs with {@code -Dgolden.update=true}.
 */
final class Golden {
    private static final Path ROOT = Path.of("src", "test", "resources", "golden");

    private Golden() {
    }

    static void assertMatches(String testCase, String file, String actual) {
        Path path = ROOT.resolve(testCase).resolve(file);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(path.getParent());
                Files.writeString(path, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(path)) {
                fail("Golden file " + path + " is missing; run the tests with -Dgolden.update=true to write it.");
            }
            assertEquals(Files.readString(path, StandardCharsets.UTF_8), actual, "golden file " + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
