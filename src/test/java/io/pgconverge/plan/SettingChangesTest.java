package io.pgconverge.plan;

import io.pgconverge.plan.config.SettingChanges;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingChangesTest {
    @Test
    void aValueAlreadyInEffectNeedsNoRestart() {
        assertTrue(SettingChanges.sameValue("replica", "replica"));
        assertTrue(SettingChanges.sameValue("*", "'*'"));
        assertTrue(SettingChanges.sameValue("on", "true"));
        assertTrue(SettingChanges.sameValue("off", "'off'"));
        assertTrue(SettingChanges.sameValue("10", "10"));
        assertTrue(SettingChanges.sameValue("it's", "'it''s'"));
    }

    @Test
    void aDifferentValueOrUnitIsAChange() {
        assertFalse(SettingChanges.sameValue("127.0.0.11", "'*'"));
        assertFalse(SettingChanges.sameValue("off", "on"));
        assertFalse(SettingChanges.sameValue("131072", "'1GB'"));
        assertFalse(SettingChanges.sameValue("minimal", "replica"));
    }
}
