package io.pgconverge.lab;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortProbeTest {
    private static final String SS = """
            LISTEN 0      244       127.0.0.11:5441      0.0.0.0:*    users:(("postgres",pid=8062,fd=6))
            LISTEN 0      128          0.0.0.0:2222      0.0.0.0:*    users:(("sshd",pid=77,fd=3))
            """;

    @Test
    void theListenerOfTheAddressIsNamed() {
        assertEquals("postgres (pid 8062)", PortProbe.holderIn(SS, "127.0.0.11", 5441));
    }

    @Test
    void aWildcardListenerHoldsEveryAddress() {
        assertEquals("sshd (pid 77)", PortProbe.holderIn(SS, "127.0.0.13", 2222));
    }

    @Test
    void withoutAMatchingLineTheHolderIsUnknown() {
        assertEquals("another program", PortProbe.holderIn(SS, "127.0.0.12", 5442));
        assertEquals("another program", PortProbe.holderIn("", "127.0.0.12", 5442));
    }
}
