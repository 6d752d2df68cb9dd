package io.accesskeys.keycloak.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AccessKeySettingsTest {

    @Test
    void defaultsAreConsistent() {
        AccessKeySettings defaults = AccessKeySettings.defaults();

        assertEquals(List.of(), defaults.problems());
        assertFalse(defaults.operationProtection());
        assertEquals(300, defaults.operationProtectionMaxAgeSeconds());
        assertEquals(900, defaults.temporaryDefaultDurationSeconds());
    }

    @Test
    void durationsOutsideFifteenMinutesToOneDayAreProblems() {
        var settings = new AccessKeySettings(false, 300, 899, 86_401, 900, List.of(), false, false);

        assertEquals(List.of("temporaryMinDurationSeconds must be between 900 and 86400",
                "temporaryMaxDurationSeconds must be between 900 and 86400"), settings.problems());
    }

    @Test
    void defaultMustLieWithinTheRange() {
        var settings = new AccessKeySettings(false, 300, 1800, 3600, 900, List.of(), false, false);

        assertEquals(List.of("temporaryDefaultDurationSeconds must lie between the minimum and the maximum"),
                settings.problems());
    }

    @Test
    void anEmptyProviderListMeansEveryProviderQualifies() {
        assertTrue(AccessKeySettings.defaults().identityProviderQualifies("corp"));
        assertFalse(AccessKeySettings.defaults().identityProviderQualifies(null));
        var onlyCorp = new AccessKeySettings(false, 300, 900, 86_400, 900, List.of("corp"), false, false);
        assertTrue(onlyCorp.identityProviderQualifies("corp"));
        assertFalse(onlyCorp.identityProviderQualifies("github"));
    }

    @Test
    void localSessionsGetPermanentKeysAndBrokeredOnesTemporaryKeysUnlessTheRealmRelaxesIt() {
        AccessKeySettings defaults = AccessKeySettings.defaults();
        assertTrue(defaults.permitsPermanentKeys(null));
        assertFalse(defaults.permitsTemporaryKeys(null));
        assertFalse(defaults.permitsPermanentKeys("corp"));
        assertTrue(defaults.permitsTemporaryKeys("corp"));

        var relaxed = new AccessKeySettings(false, 300, 900, 86_400, 900, List.of("corp"), true, true);
        assertTrue(relaxed.permitsTemporaryKeys(null));
        assertTrue(relaxed.permitsPermanentKeys("corp"));
        assertFalse(relaxed.permitsTemporaryKeys("github"));
    }
}
