package io.accesskeys.keycloak.it.policy;

import static io.accesskeys.keycloak.it.support.ContractErrors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.Test;

/**
 * The key hygiene task on one node (the shared server runs it every {@value KeycloakServer#HYGIENE_INTERVAL_SECONDS}
 * s): it disables exactly the keys unused for the realm's retirement period, once, with an admin event naming each,
 * and announces once each key that enters its rotation window. ClusterIT shows the same across two nodes.
 */
@SharedKeycloakTest
class KeyRetirementIT {

    private static final long DAY = 86_400;

    @Test
    void exactlyTheStaleKeysAreDisabledOnceWithAnEventEach(TestRealms realms, KeycloakServer server) {
        TestRealm realm = realms.create();
        realm.enableEvents();
        realm.createUser("carol", "carol");
        AccessKeysClient alice = AccessKeysClient.as(realm, "alice", "alice");
        JsonNode neverUsed = alice.createKey();
        JsonNode usedLater = alice.createKey();
        realm.accessKeySettings(Map.of("retireUnusedKeysAfterDays", 30));
        String aliceId = realm.userId("alice");
        String carolId = realm.userId("carol");
        try {
            server.clockOffset((int) (20 * DAY));
            KeyAgeIT.sign(usedLater, 20).get(realm.accessKeys("/whoami")).send().expect(200);
            TestRealm at20 = KeyAgeIT.fresh(realms, server, realm);
            JsonNode youngKey = at20.admin().post(at20.adminPath("/access-keys/users/" + carolId + "/keys"), Map.of())
                    .expect(201).json();

            server.clockOffset((int) (31 * DAY));
            TestRealm at31 = KeyAgeIT.fresh(realms, server, realm);
            String stale = neverUsed.get("accessKeyId").asText();
            awaitStatus(at31, aliceId, stale, "INACTIVE");
            // Several more runs change and report nothing more.
            pause(Duration.ofSeconds(3L * KeycloakServer.HYGIENE_INTERVAL_SECONDS + 1));

            assertEquals("INACTIVE", status(at31, aliceId, stale));
            assertEquals("ACTIVE", status(at31, aliceId, usedLater.get("accessKeyId").asText()), "used 11 days ago");
            assertEquals("ACTIVE", status(at31, carolId, youngKey.get("accessKeyId").asText()), "created 11 days ago");
            assertCode(KeyAgeIT.sign(neverUsed, 31).get(realm.accessKeys("/whoami")).send(), 401, "AccessKeyInactive");

            List<JsonNode> events = retirementEvents(at31);
            assertEquals(1, events.size(), events.toString());
            JsonNode event = events.get(0);
            assertEquals(stale, event.get("details").get("access_key_id").asText(), event.toString());
            assertEquals("access-keys/users/" + aliceId + "/keys/" + stale, event.get("resourcePath").asText());
            JsonNode representation = Http.JSON.readTree(event.get("representation").asText());
            assertEquals(stale, representation.get("accessKeyId").asText());
            assertEquals("INACTIVE", representation.get("status").asText());
            assertEquals("unused", representation.get("reason").asText());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            KeyAgeIT.resetClock(server, realm);
        }
    }

    @Test
    void aKeyEnteringItsRotationWindowIsAnnouncedOnce(TestRealms realms, KeycloakServer server) {
        TestRealm realm = realms.create();
        realm.enableEvents();
        AccessKeysClient alice = AccessKeysClient.as(realm, "alice", "alice");
        JsonNode key = alice.createKey();
        String ak = key.get("accessKeyId").asText();
        realm.accessKeySettings(Map.of("maxKeyAgeDays", 30));
        try {
            pause(Duration.ofSeconds(2L * KeycloakServer.HYGIENE_INTERVAL_SECONDS + 1));
            assertEquals(List.of(), rotationEvents(realm, ak), "not yet due");

            server.clockOffset((int) (17 * DAY));
            TestRealm at17 = KeyAgeIT.fresh(realms, server, realm);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (rotationEvents(at17, ak).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "no rotation event within 30 s");
                pause(Duration.ofMillis(500));
            }
            pause(Duration.ofSeconds(3L * KeycloakServer.HYGIENE_INTERVAL_SECONDS + 1));
            List<JsonNode> events = rotationEvents(at17, ak);
            assertEquals(1, events.size(), events.toString());
            assertEquals("ACTION", events.get(0).get("operationType").asText());
            assertEquals("ACTIVE", status(at17, at17.userId("alice"), ak), "announced, not disabled");
            KeyAgeIT.sign(key, 17).get(realm.accessKeys("/whoami")).send().expect(200);
        } finally {
            KeyAgeIT.resetClock(server, realm);
        }
    }

    static List<JsonNode> retirementEvents(TestRealm realm) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode event : realm.admin().get(realm.adminPath("/admin-events?operationTypes=UPDATE&resourceTypes=USER&max=1000"))
                .expect(200).json()) {
            if (event.path("representation").asText("").contains("\"reason\":\"unused\"")) {
                found.add(event);
            }
        }
        return found;
    }

    static List<JsonNode> rotationEvents(TestRealm realm, String ak) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode event : realm.admin().get(realm.adminPath("/admin-events?operationTypes=ACTION&resourceTypes=USER&max=1000"))
                .expect(200).json()) {
            if (ak.equals(event.path("details").path("access_key_id").asText())
                    && "rotation-due".equals(event.path("details").path("operation").asText())) {
                found.add(event);
            }
        }
        return found;
    }

    static String status(TestRealm realm, String userId, String ak) {
        return realm.admin().get(realm.adminPath("/access-keys/users/" + userId + "/keys/" + ak)).expect(200).json()
                .get("status").asText();
    }

    static void awaitStatus(TestRealm realm, String userId, String ak, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!expected.equals(status(realm, userId, ak))) {
            assertTrue(System.nanoTime() < deadline, ak + " not " + expected + " within 30 s");
            pause(Duration.ofMillis(500));
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
