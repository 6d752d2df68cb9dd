package io.accesskeys.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The provider jar is deployed and its realm resource answers: {@code GET /realms/{realm}/access-keys/me}. */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtensionLoadedIT {

    private TestRealm realm;

    @BeforeAll
    void createRealm(TestRealms realms) {
        realm = realms.createWithBroker();
    }

    @Test
    void meWithoutTokenIsRefusedWithAnErrorBody() {
        Http.Response response = Http.get(realm.accessKeys("/me")).send();

        assertEquals(401, response.status());
        assertEquals("invalid_token", response.json().get("error").asText());
        assertFalse(response.json().get("error_description").asText().isBlank());
        assertTrue(response.header("WWW-Authenticate").startsWith("Bearer"));
    }

    @Test
    void meWithAGarbageTokenIsRefused() {
        Http.Response response = Http.get(realm.accessKeys("/me")).bearer("not-a-token").send();

        assertEquals(401, response.status());
        assertEquals("invalid_token", response.json().get("error").asText());
    }

    @Test
    void meDescribesALocalUser() {
        String token = realm.passwordLogin("alice", "alice").accessToken();

        JsonNode me = Http.get(realm.accessKeys("/me")).bearer(token).send().expect(200).json();

        assertEquals("alice", me.get("username").asText());
        assertFalse(me.get("federated").asBoolean());
        assertTrue(me.get("identityProvider").isNull());
        assertTrue(me.get("canCreatePermanent").asBoolean());
        assertFalse(me.get("canCreateTemporary").asBoolean());
        assertEquals(2, me.get("quota").asInt());
        assertFalse(me.get("operationProtection").asBoolean());
        assertEquals(900, me.get("temporaryMinDurationSeconds").asInt());
        assertEquals(86400, me.get("temporaryMaxDurationSeconds").asInt());
        assertEquals(900, me.get("temporaryDefaultDurationSeconds").asInt());
    }

    @Test
    void meDescribesABrokeredUser() {
        String token = realm.brokeredLogin("bob", "bob").accessToken();

        JsonNode me = Http.get(realm.accessKeys("/me")).bearer(token).send().expect(200).json();

        assertEquals("bob", me.get("username").asText());
        assertTrue(me.get("federated").asBoolean());
        assertEquals(TestRealms.CORP, me.get("identityProvider").asText());
        assertFalse(me.get("canCreatePermanent").asBoolean());
        assertTrue(me.get("canCreateTemporary").asBoolean());
    }

    @Test
    void aTokenOfAnotherRealmIsRefused(TestRealms realms) {
        String foreign = realms.create().passwordLogin("alice", "alice").accessToken();

        Http.Response response = Http.get(realm.accessKeys("/me")).bearer(foreign).send();

        assertEquals(401, response.status());
    }

    @Test
    void theAccountConsoleTokenIsAccepted() {
        String token = realm.browserLogin()
                .client("account-console", realm.url("/account/"))
                .login("alice", "alice").accessToken();

        JsonNode me = Http.get(realm.accessKeys("/me")).bearer(token).send().expect(200).json();

        assertEquals("alice", me.get("username").asText());
    }

    @Test
    void aClientsWebOriginMayReadTheAnswer() {
        String token = realm.passwordLogin("alice", "alice").accessToken();

        Http.Response response = Http.get(realm.accessKeys("/me")).bearer(token)
                .header("Origin", realm.server().baseUrl()).send().expect(200);

        assertEquals(realm.server().baseUrl(), response.header("Access-Control-Allow-Origin"));
        assertEquals("true", response.header("Access-Control-Allow-Credentials"));
    }

    @Test
    void aForeignOriginIsRefused() {
        String token = realm.passwordLogin("alice", "alice").accessToken();

        Http.Response response = Http.get(realm.accessKeys("/me")).bearer(token)
                .header("Origin", "https://evil.example").send();

        assertEquals(403, response.status());
        assertEquals("AccessDenied", response.json().get("error").asText());
        assertEquals(null, response.header("Access-Control-Allow-Origin"));
    }

    @Test
    void thePreflightAllowsTheSelfServiceMethods() {
        Http.Response response = Http.method("OPTIONS", realm.accessKeys("/me/keys"))
                .header("Origin", realm.server().baseUrl())
                .header("Access-Control-Request-Method", "PATCH").send();

        assertEquals(200, response.status());
        assertTrue(response.header("Access-Control-Allow-Methods").contains("PATCH"));
        assertTrue(response.header("Access-Control-Allow-Headers").contains("Authorization"));
    }
}
