package io.accesskeys.keycloak.it.permanent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.Test;

/** Operation protection: key changes need a recent authentication, refused with the RFC 9470 challenge. */
@SharedKeycloakTest
class OperationProtectionIT {

    @Test
    void offByDefaultSoADirectGrantTokenCreatesKeys(TestRealms realms) {
        TestRealm realm = realms.create();

        assertEquals(201, AccessKeysClient.as(realm, "alice", "alice").create(null).status());
    }

    @Test
    void onADirectGrantTokenHasNoAuthenticationTimeAndIsChallenged(TestRealms realms) {
        TestRealm realm = realms.create();
        AccessKeysClient before = AccessKeysClient.as(realm, "alice", "alice");
        String ak = before.createKey().get("accessKeyId").asText();
        realm.accessKeySettings(Map.of("operationProtection", true));
        AccessKeysClient alice = AccessKeysClient.as(realm, "alice", "alice");

        assertChallenged(alice.create(null), 300);
        assertChallenged(alice.patch(ak, Map.of("status", "INACTIVE")), 300);
        assertChallenged(alice.delete(ak), 300);
        assertEquals(200, alice.patch(ak, Map.of("description", "renaming needs no step-up")).status());
        assertEquals(200, alice.list().status());
        assertEquals(true, Http.get(realm.accessKeys("/me")).bearer(alice.token()).send().json().get("operationProtection").asBoolean());
    }

    @Test
    void onAFreshLoginPassesAndAStaleOneIsChallenged(TestRealms realms) throws InterruptedException {
        TestRealm realm = realms.create();
        realm.accessKeySettings(Map.of("operationProtection", true, "operationProtectionMaxAgeSeconds", 2));
        AccessKeysClient fresh = new AccessKeysClient(realm, realm.browserLogin().login("alice", "alice").accessToken());

        String ak = fresh.createKey().get("accessKeyId").asText();
        assertEquals(200, fresh.patch(ak, Map.of("status", "INACTIVE")).status());

        Thread.sleep(3_500);
        assertChallenged(fresh.patch(ak, Map.of("status", "ACTIVE")), 2);

        // logging in again (as the console does with max_age / prompt=login) renews the proof
        AccessKeysClient again = new AccessKeysClient(realm, realm.browserLogin().parameter("prompt", "login")
                .login("alice", "alice").accessToken());
        assertEquals(200, again.patch(ak, Map.of("status", "ACTIVE")).status());
    }

    @Test
    void anOldTokenOfASessionStaysStaleWhenItsOwnerLogsInAgain(TestRealms realms) throws InterruptedException {
        TestRealm realm = realms.create();
        realm.accessKeySettings(Map.of("operationProtection", true, "operationProtectionMaxAgeSeconds", 2));
        var browser = realm.browserLogin();
        AccessKeysClient stolen = new AccessKeysClient(realm, browser.login("alice", "alice").accessToken());
        String ak = stolen.createKey().get("accessKeyId").asText();

        Thread.sleep(3_500);
        // the owner logs in again in the same session (same cookies): the session's authentication time is renewed
        AccessKeysClient renewed = new AccessKeysClient(realm, browser.parameter("prompt", "login")
                .login("alice", "alice").accessToken());

        assertChallenged(stolen.delete(ak), 2);
        assertEquals(204, renewed.delete(ak).status());
    }

    private static void assertChallenged(Http.Response response, int maxAge) {
        assertEquals(401, response.status(), response.body());
        assertEquals("insufficient_user_authentication", response.json().get("error").asText());
        String challenge = response.header("WWW-Authenticate");
        assertTrue(challenge.startsWith("Bearer error=\"insufficient_user_authentication\""), challenge);
        assertTrue(challenge.endsWith("max_age=" + maxAge), challenge);
    }
}
