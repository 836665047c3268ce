package io.pgconverge.render;

import io.pgconverge.plan.task.Detail;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnifiedDiffTest {
    private static List<String> diff(String before, String after) {
        return UnifiedDiff.of(new Detail.FileChange("/etc/x.conf", Optional.of(before), Optional.of(after), false));
    }

    @Test
    void aCarriageReturnIsShownEscaped() {
        assertEquals(List.of("--- /etc/x.conf", "+++ /etc/x.conf", "@@ -1,2 +1,2 @@", " a = 1", "-b = 2\\r", "+b = 2"),
                diff("a = 1\nb = 2\r\n", "a = 1\nb = 2\n"));
    }

    @Test
    void otherControlCharactersAreEscapedAndTabsKept() {
        assertEquals(List.of("--- /etc/x.conf", "+++ /etc/x.conf", "@@ -1,1 +1,1 @@", "-a\t= \\x1b[31m", "+a\t= 1"),
                diff("a\t= \u001b[31m\n", "a\t= 1\n"));
    }

    @Test
    void aMissingFinalNewlineIsMarkedAsDiffDoes() {
        assertEquals(List.of("--- /etc/x.conf", "+++ /etc/x.conf", "@@ -1,2 +1,3 @@", " a = 1", "-b = 2",
                        "\\ No newline at end of file", "+b = 2", "+c = 3"),
                diff("a = 1\nb = 2", "a = 1\nb = 2\nc = 3\n"));
        assertEquals(List.of("--- /etc/x.conf", "+++ /etc/x.conf", "@@ -1,1 +1,1 @@", "-a = 1", "+a = 2",
                        "\\ No newline at end of file"), diff("a = 1\n", "a = 2"));
    }
}
