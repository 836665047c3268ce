package io.pgconverge.facts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** pg_settings gives recovery_min_apply_delay in ms; people read it in the largest whole unit. */
class ApplyDelayTest {
    @Test
    void millisecondsAreShownInTheLargestWholeUnit() {
        assertEquals("10s", ApplyDelay.text("10000", "ms"));
        assertEquals("1500ms", ApplyDelay.text("1500", "ms"));
        assertEquals("30min", ApplyDelay.text("1800000", "ms"));
        assertEquals("1h", ApplyDelay.text("3600000", "ms"));
        assertEquals("2d", ApplyDelay.text("172800000", "ms"));
        assertEquals("90s", ApplyDelay.text("90000", "ms"));
        assertEquals("10s", ApplyDelay.text("10s", ""));
    }
}
