package io.accesskeys.keycloak.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class KeyAgeSettingsTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private static AccessKeySettings maxAge(Integer days, Integer retire) {
        return new AccessKeySettings(false, 300, 900, 86_400, 900, List.of(), false, false, days, retire);
    }

    @Test
    void withoutAMaximumAgeNoKeyExpiresOrIsDue() {
        AccessKeySettings off = AccessKeySettings.defaults();
        assertNull(off.keyExpiresAt(CREATED));
        assertFalse(off.keyExpired(CREATED, CREATED.plus(Duration.ofDays(10_000))));
        assertFalse(off.rotationDue(CREATED, CREATED.plus(Duration.ofDays(10_000))));
    }

    @Test
    void aKeyIsDueFourteenDaysBeforeItExpiresAndExpiresAtItsMaximumAge() {
        AccessKeySettings thirty = maxAge(30, null);
        assertEquals(CREATED.plus(Duration.ofDays(30)), thirty.keyExpiresAt(CREATED));
        assertFalse(thirty.rotationDue(CREATED, CREATED.plus(Duration.ofDays(16)).minusSeconds(1)));
        assertTrue(thirty.rotationDue(CREATED, CREATED.plus(Duration.ofDays(16))));
        assertFalse(thirty.keyExpired(CREATED, CREATED.plus(Duration.ofDays(30)).minusMillis(1)));
        assertTrue(thirty.keyExpired(CREATED, CREATED.plus(Duration.ofDays(30))));
        assertTrue(thirty.rotationDue(CREATED, CREATED.plus(Duration.ofDays(40))), "an expired key is due too");
    }

    @Test
    void daysAreNullOrOneTo3650() {
        assertTrue(maxAge(null, null).problems().isEmpty());
        assertTrue(maxAge(1, 3650).problems().isEmpty());
        assertEquals(1, maxAge(0, null).problems().size());
        assertEquals(1, maxAge(null, 3651).problems().size());
        assertEquals(2, maxAge(-5, 0).problems().size());
    }
}
