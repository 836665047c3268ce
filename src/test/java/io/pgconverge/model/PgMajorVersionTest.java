package io.pgconverge.model;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgMajorVersionTest {
    @Test
    void parsesMajorVersionsOnly() {
        assertEquals(OptionalInt.of(15), PgMajorVersion.parse("15"));
        assertEquals(OptionalInt.of(905), PgMajorVersion.parse("9.5"));
        assertEquals(OptionalInt.of(906), PgMajorVersion.parse(" 9.6 "));
        assertEquals(OptionalInt.empty(), PgMajorVersion.parse("9"));
        assertEquals(OptionalInt.empty(), PgMajorVersion.parse("15.2"));
        assertEquals(OptionalInt.empty(), PgMajorVersion.parse("fifteen"));
    }

    @Test
    void comparesInVersionOrder() {
        assertEquals("9.5", PgMajorVersion.text(905));
        assertEquals("17", PgMajorVersion.text(17));
        assertTrue(PgMajorVersion.atLeast(10, 906));
        assertFalse(PgMajorVersion.atLeast(906, 10));
        assertTrue(PgMajorVersion.atLeast(12, 12));
        assertTrue(PgMajorVersion.isSupported(905));
        assertTrue(PgMajorVersion.isSupported(17));
        assertFalse(PgMajorVersion.isSupported(904));
        assertTrue(PgMajorVersion.isSupported(18));
        assertFalse(PgMajorVersion.isSupported(19));
    }
}
