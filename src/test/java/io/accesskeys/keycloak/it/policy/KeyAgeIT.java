package io.accesskeys.keycloak.it.policy;

import static io.accesskeys.keycloak.it.support.ContractErrors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.AdminApi;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.Test;

/**
 * Maximum key age: a permanent key older than the realm's limit stops signing (once its signature verified), is
 * shown as due for rotation from 14 days before, and the inventory filters by age. Time moves with the server clock.
 */
@SharedKeycloakTest
class KeyAgeIT {

    private static final String GRANT = "urn:access-keys:params:oauth:grant-type:signed-request";
    private static final long DAY = 86_400;

    @Test
    void settingsTakeNullOrOneTo3650Days(TestRealms realms) {
        TestRealm realm = realms.create();
        JsonNode defaults = realm.admin().get(realm.adminPath("/access-keys/settings")).expect(200).json();
        assertTrue(defaults.has("maxKeyAgeDays") && defaults.get("maxKeyAgeDays").isNull(), defaults.toString());
        assertTrue(defaults.has("retireUnusedKeysAfterDays") && defaults.get("retireUnusedKeysAfterDays").isNull());

        for (Object bad : List.of(0, 3651, -1, "30", 1.5)) {
            assertCode(realm.admin().put(realm.adminPath("/access-keys/settings"), Map.of("maxKeyAgeDays", bad)),
                    400, "ValidationError");
            assertCode(realm.admin().put(realm.adminPath("/access-keys/settings"), Map.of("retireUnusedKeysAfterDays", bad)),
                    400, "ValidationError");
        }
        JsonNode set = realm.admin().put(realm.adminPath("/access-keys/settings"),
                Map.of("maxKeyAgeDays", 3650, "retireUnusedKeysAfterDays", 1)).expect(200).json();
        assertEquals(3650, set.get("maxKeyAgeDays").asInt());
        assertEquals(1, set.get("retireUnusedKeysAfterDays").asInt());
        JsonNode me = Http.get(realm.accessKeys("/me")).bearer(realm.passwordLogin("alice", "alice").accessToken())
                .send().expect(200).json();
        assertEquals(3650, me.get("maxKeyAgeDays").asInt());

        JsonNode cleared = realm.admin().put(realm.adminPath("/access-keys/settings"), "{\"maxKeyAgeDays\":null,"
                + "\"retireUnusedKeysAfterDays\":null}").expect(200).json();
        assertTrue(cleared.get("maxKeyAgeDays").isNull() && cleared.get("retireUnusedKeysAfterDays").isNull(), cleared.toString());
    }

    @Test
    void aKeyOlderThanTheMaximumAgeStopsSigningAndTheOthersKeepWorking(TestRealms realms, KeycloakServer server) {
        TestRealm realm = realms.create();
        realm.admin().create(realm.adminPath("/clients"), Map.of("clientId", "grant-client", "publicClient", true,
                "standardFlowEnabled", false, "attributes", Map.of("access-keys.signed-request-grant.enabled", "true")));
        AccessKeysClient alice = AccessKeysClient.as(realm, "alice", "alice");
        JsonNode old = alice.createKey();
        String oldAk = old.get("accessKeyId").asText();
        Instant created = Instant.parse(old.get("createdAt").asText());
        realm.accessKeySettings(Map.of("maxKeyAgeDays", 30));

        JsonNode fresh = alice.list().expect(200).json().get(0);
        assertEquals(created.plus(Duration.ofDays(30)).toString(), fresh.get("expiresAt").asText(), fresh.toString());
        assertFalse(fresh.get("rotationDue").asBoolean());

        String userId = realm.userId("alice");
        try {
            // 17 days on: 13 days left, within the 14-day rotation window; still signs.
            server.clockOffset((int) (17 * DAY));
            TestRealm later = fresh(realms, server, realm);
            JsonNode due = later.admin().get(later.adminPath("/access-keys/users/" + userId + "/keys/" + oldAk)).expect(200).json();
            assertTrue(due.get("rotationDue").asBoolean(), due.toString());
            sign(old, 17).get(realm.accessKeys("/whoami")).send().expect(200);
            assertEquals(List.of(oldAk), aks(later.admin().get(later.adminPath("/access-keys/keys?rotationDue=true")).expect(200).json()));
            assertEquals(List.of(oldAk), aks(later.admin().get(later.adminPath("/access-keys/keys?minAgeDays=17")).expect(200).json()));
            assertEquals(List.of(), aks(later.admin().get(later.adminPath("/access-keys/keys?minAgeDays=18")).expect(200).json()));
            assertCode(later.admin().get(later.adminPath("/access-keys/keys?minAgeDays=x")), 400, "ValidationError");
            assertCode(later.admin().get(later.adminPath("/access-keys/keys?rotationDue=maybe")), 400, "ValidationError");

            // 31 days on: past the maximum age.
            server.clockOffset((int) (31 * DAY));
            later = fresh(realms, server, realm);
            JsonNode newer = later.admin().post(later.adminPath("/access-keys/users/" + userId + "/keys"), Map.of())
                    .expect(201).json();
            assertFalse(newer.get("rotationDue").asBoolean(), newer.toString());

            assertCode(sign(old, 31).get(realm.accessKeys("/whoami")).send(), 401, "AccessKeyExpired");
            // its state is said only once its signature verified
            assertCode(Signers.Aws.of(oldAk, Signers.wrongSecret(old.get("secretAccessKey").asText()))
                    .at(Instant.now().plus(Duration.ofDays(31))).get(realm.accessKeys("/whoami")).send(), 401,
                    "SignatureDoesNotMatch");
            Http.Response grant = sign(old, 31).sign("POST", realm.url("/protocol/openid-connect/token"),
                    "application/x-www-form-urlencoded", "grant_type=" + GRANT.replace(":", "%3A") + "&client_id=grant-client").send();
            assertEquals(400, grant.status(), grant.toString());
            assertTrue(grant.json().get("error_description").asText().startsWith("AccessKeyExpired"), grant.toString());

            // the others keep working
            assertEquals(newer.get("accessKeyId").asText(), sign(newer, 31).get(realm.accessKeys("/whoami")).send().expect(200)
                    .json().get("accessKeyId").asText());
            JsonNode listed = later.admin().get(later.adminPath("/access-keys/users/" + userId + "/keys/" + oldAk)).expect(200).json();
            assertTrue(listed.get("rotationDue").asBoolean(), "an expired key is due too");
            assertEquals("ACTIVE", listed.get("status").asText(), "expired is not disabled");

            // off again: the old key signs again
            later.accessKeySettings(Map.of("maxKeyAgeDays", 3650));
            sign(old, 31).get(realm.accessKeys("/whoami")).send().expect(200);
        } finally {
            resetClock(server, realm);
        }
    }

    /** Puts the clock back; the shared admin session died while it was days ahead. */
    static void resetClock(KeycloakServer server, TestRealm realm) {
        server.clockOffset(0);
        realm.admin().forgetToken();
    }

    /** The realm seen through a new admin session (tokens issued before the clock moved have expired for it). */
    static TestRealm fresh(TestRealms realms, KeycloakServer server, TestRealm realm) {
        return TestRealms.on(server, AdminApi.of(server)).existing(realm.name());
    }

    static Signers.Aws sign(JsonNode key, long daysAhead) {
        return Signers.Aws.of(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText())
                .at(Instant.now().plus(Duration.ofDays(daysAhead)));
    }

    private static List<String> aks(JsonNode keys) {
        List<String> aks = new ArrayList<>();
        keys.forEach(key -> aks.add(key.get("accessKeyId").asText()));
        return aks;
    }
}
