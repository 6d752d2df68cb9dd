package io.accesskeys.keycloak.it.temporary;

import static io.accesskeys.keycloak.it.temporary.TemporaryKeysIT.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.Test;

/** The ways a temporary key stops before it expires; each test has a realm (and a bob) of its own. */
@SharedKeycloakTest
class TemporaryKeyRevocationIT {

    @Test
    void adminRevokeStopsEarlierKeysOnly(TestRealms realms) throws InterruptedException {
        TestRealm realm = realms.createWithBroker();
        String bobToken = realm.brokeredLogin("bob", "bob").accessToken();
        Signers.Aws earlier = signer(issue(realm, bobToken));
        assertEquals(200, earlier.get(realm.accessKeys("/whoami")).send().status());

        realm.admin().post(realm.adminPath("/access-keys/users/" + realm.userId("bob") + "/temporary/revoke"), Map.of()).expect(204);
        assertCode(earlier.get(realm.accessKeys("/whoami")).send(), 401, "InvalidToken");

        Thread.sleep(5);
        Signers.Aws later = signer(issue(realm, bobToken));
        assertEquals(200, later.get(realm.accessKeys("/whoami")).send().status(), "a key issued after the revoke works");
        assertEquals(200, Http.get(realm.accessKeys("/me")).bearer(bobToken).send().status(), "revoke keeps the session");
    }

    @Test
    void theAdminConsolesSignOutRevokes(TestRealms realms) {
        TestRealm realm = realms.createWithBroker();
        Signers.Aws key = signer(issue(realm, realm.brokeredLogin("bob", "bob").accessToken()));

        realm.admin().post(realm.adminPath("/users/" + realm.userId("bob") + "/logout"), Map.of()).expect(204);

        assertCode(key.get(realm.accessKeys("/whoami")).send(), 401, "InvalidToken");
    }

    @Test
    void theRealmsNotBeforeRevokes(TestRealms realms) throws InterruptedException {
        TestRealm realm = realms.createWithBroker();
        Signers.Aws key = signer(issue(realm, realm.brokeredLogin("bob", "bob").accessToken()));
        Thread.sleep(1_100);

        realm.update(Map.of("notBefore", (int) (System.currentTimeMillis() / 1000)));

        assertCode(key.get(realm.accessKeys("/whoami")).send(), 401, "InvalidToken");
    }

    @Test
    void aDisabledUserIsDenied(TestRealms realms) {
        TestRealm realm = realms.createWithBroker();
        Signers.Aws key = signer(issue(realm, realm.brokeredLogin("bob", "bob").accessToken()));
        String bob = realm.userId("bob");

        realm.admin().put(realm.adminPath("/users/" + bob), Map.of("enabled", false)).expect(204);
        assertCode(key.get(realm.accessKeys("/whoami")).send(), 403, "AccessDenied");
        realm.admin().put(realm.adminPath("/users/" + bob), Map.of("enabled", true)).expect(204);
        assertEquals(200, key.get(realm.accessKeys("/whoami")).send().status());

        realm.admin().delete(realm.adminPath("/users/" + bob)).expect(204);
        assertCode(key.get(realm.accessKeys("/whoami")).send(), 401, "InvalidToken");
    }

    @Test
    void removingTheIdentityProviderLinkRevokes(TestRealms realms) {
        TestRealm realm = realms.createWithBroker();
        Signers.Aws key = signer(issue(realm, realm.brokeredLogin("bob", "bob").accessToken()));

        realm.admin().delete(realm.adminPath("/users/" + realm.userId("bob") + "/federated-identity/corp")).expect(204);

        assertCode(key.get(realm.accessKeys("/whoami")).send(), 401, "InvalidToken");
    }

    @Test
    void theGrantAndTheGatewayAcceptTemporaryKeys(TestRealms realms) {
        TestRealm realm = realms.createWithBroker();
        JsonNode issued = issue(realm, realm.brokeredLogin("bob", "bob").accessToken());
        realm.admin().create(realm.adminPath("/clients"), Map.of("clientId", "grant-client", "publicClient", true,
                "standardFlowEnabled", false, "attributes", Map.of("access-keys.signed-request-grant.enabled", "true")));
        String body = "grant_type=urn%3Aaccess-keys%3Aparams%3Aoauth%3Agrant-type%3Asigned-request&client_id=grant-client";

        Http.Response tokens = signer(issued).sign("POST", realm.url("/protocol/openid-connect/token"),
                "application/x-www-form-urlencoded", body).send();

        assertEquals(200, tokens.status(), tokens.body());
        // the token is for APIs: self-service refuses it (a temporary key never becomes a permanent one)
        assertEquals(403, Http.get(realm.accessKeys("/me")).bearer(tokens.json().get("access_token").asText()).send().status());
    }

    @Test
    void aUserCannotUndoARevocationWhateverTheUserProfilePolicy(TestRealms realms) {
        TestRealm realm = realms.createWithBroker();
        allowUnmanagedAttributes(realm);
        String bobToken = realm.brokeredLogin("bob", "bob").accessToken();
        Signers.Aws earlier = signer(issue(realm, bobToken));
        realm.admin().post(realm.adminPath("/access-keys/users/" + realm.userId("bob") + "/temporary/revoke"), Map.of()).expect(204);

        // bob rewrites his own attributes through Keycloak's account API, the one 0.1.0 kept the mark in among them
        JsonNode account = Http.get(realm.url("/account/")).bearer(bobToken).header("Accept", "application/json").send()
                .expect(200).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) account).putObject("attributes")
                .putArray("access-keys.temporary-not-before").add("0");
        int updated = Http.post(realm.url("/account/")).bearer(bobToken).header("Accept", "application/json")
                .json(account).send().status();
        assertEquals(204, updated);

        assertCode(earlier.get(realm.accessKeys("/whoami")).send(), 401, "InvalidToken");
    }

    @Test
    void aRevocationMarkThatCannotBeReadRevokes(TestRealms realms) {
        TestRealm realm = realms.createWithBroker();
        allowUnmanagedAttributes(realm);
        String bobToken = realm.brokeredLogin("bob", "bob").accessToken();
        Signers.Aws key = signer(issue(realm, bobToken));
        assertEquals(200, key.get(realm.accessKeys("/whoami")).send().status());

        // a mark as 0.1.0 kept it, edited into something unreadable
        realm.updateUser(realm.userId("bob"), "attributes",
                Map.of("access-keys.temporary-not-before", java.util.List.of("not-a-time")));

        assertCode(key.get(realm.accessKeys("/whoami")).send(), 401, "InvalidToken");
    }

    private static void allowUnmanagedAttributes(TestRealm realm) {
        JsonNode profile = realm.admin().get(realm.adminPath("/users/profile")).expect(200).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) profile).put("unmanagedAttributePolicy", "ENABLED");
        realm.admin().put(realm.adminPath("/users/profile"), profile).expect(200);
    }

    private static JsonNode issue(TestRealm realm, String token) {
        return Http.post(realm.accessKeys("/me/temporary")).bearer(token).json(Map.of()).send().expect(201).json();
    }

    private static Signers.Aws signer(JsonNode key) {
        return Signers.Aws.of(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText())
                .token(key.get("securityToken").asText());
    }
}
