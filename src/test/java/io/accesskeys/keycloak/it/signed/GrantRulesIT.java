package io.accesskeys.keycloak.it.signed;

import static io.accesskeys.keycloak.it.support.ContractErrors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The signed-request grant is not a key factory: its tokens cannot manage keys or the account, it needs a signature
 * over the whole body, the account's state refuses it as it refuses a password login, and a token never outlives the
 * temporary key it came from.
 */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrantRulesIT {

    private static final String GRANT = "urn:access-keys:params:oauth:grant-type:signed-request";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String BODY = "grant_type=" + GRANT + "&client_id=grant-client";

    private TestRealm realm;
    private String ak;
    private String sk;

    @BeforeAll
    void setUp(TestRealms realms) {
        realm = realms.createWithBroker();
        realm.accessKeySettings(Map.of("operationProtection", true, "operationProtectionMaxAgeSeconds", 600));
        realm.admin().create(realm.adminPath("/clients"), Map.of("clientId", "grant-client", "publicClient", true,
                "standardFlowEnabled", false, "attributes", Map.of("access-keys.signed-request-grant.enabled", "true")));
        JsonNode key = createKeyFor("alice");
        ak = key.get("accessKeyId").asText();
        sk = key.get("secretAccessKey").asText();
    }

    @Test
    void aGrantTokenCannotManageKeysNorTheAccount() {
        String token = grant(ak, sk, null);

        assertCode(Http.get(realm.accessKeys("/me")).bearer(token).send(), 403, "AccessDenied");
        assertCode(Http.get(realm.accessKeys("/me/keys")).bearer(token).send(), 403, "AccessDenied");
        assertCode(Http.post(realm.accessKeys("/me/keys")).bearer(token).json(Map.of()).send(), 403, "AccessDenied");
        assertCode(Http.delete(realm.accessKeys("/me/keys/" + ak)).bearer(token).send(), 403, "AccessDenied");
        assertCode(Http.post(realm.accessKeys("/me/temporary")).bearer(token).json(Map.of()).send(), 403, "AccessDenied");
        // Keycloak's own account API: the token carries no account roles
        assertEquals(403, Http.delete(realm.url("/account/credentials/" + ak)).bearer(token)
                .header("Accept", "application/json").send().status());
        assertEquals(403, Http.get(realm.url("/account/credentials")).bearer(token)
                .header("Accept", "application/json").send().status());

        assertEquals(1, keysOf("alice").size(), "no key was made or removed");
        assertTrue(claims(token).get("access_key_id").asText().equals(ak));
    }

    @Test
    void accessKeysAreNotRemovableThroughKeycloaksAccountApi() {
        JsonNode key = createKeyFor("carol");
        String carol = realm.passwordLogin("carol", "carol").accessToken();

        Http.Response response = Http.delete(realm.url("/account/credentials/" + key.get("accessKeyId").asText()))
                .bearer(carol).header("Accept", "application/json").send();

        assertTrue(response.status() >= 400 && response.status() < 500, response.toString());
        assertEquals(1, keysOf("carol").size());
    }

    @Test
    void aTemporaryKeysTokenIsOfABrokeredSessionAndEndsWithTheKey() {
        realm.update(Map.of("accessTokenLifespan", 7200));
        String bob = realm.brokeredLogin("bob", "bob").accessToken();
        JsonNode temporary = Http.post(realm.accessKeys("/me/temporary")).bearer(bob)
                .json(Map.of("durationSeconds", 900)).send().expect(201).json();
        Instant keyExpires = Instant.parse(temporary.get("expiration").asText());

        Http.Response response = Signers.Aws.of(temporary.get("accessKeyId").asText(),
                        temporary.get("secretAccessKey").asText()).token(temporary.get("securityToken").asText())
                .sign("POST", tokenUrl(), FORM, BODY).send();

        assertEquals(200, response.status(), response.toString());
        String token = response.json().get("access_token").asText();
        long exp = claims(token).get("exp").asLong();
        assertTrue(exp <= keyExpires.getEpochSecond(), "token exp " + exp + " after the key's " + keyExpires);
        assertTrue(response.json().get("expires_in").asLong() <= 900, response.body());
        // a brokered user's temporary key never becomes a permanent key
        assertCode(Http.post(realm.accessKeys("/me/keys")).bearer(token).json(Map.of()).send(), 403, "AccessDenied");
        assertCode(Http.get(realm.accessKeys("/me")).bearer(token).send(), 403, "AccessDenied");
        assertEquals(0, keysOf("bob").size());
        realm.update(Map.of("accessTokenLifespan", 300));
    }

    @Test
    void theBodyMustBeSigned() throws Exception {
        // curl signs the x-amz-content-sha256 value given to it: UNSIGNED-PAYLOAD
        Process curl = new ProcessBuilder("curl", "-s", "--aws-sigv4", "aws:amz:us-east-1:access-keys", "--user", ak + ":" + sk,
                "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "-d", BODY, tokenUrl()).redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor());
        JsonNode unsigned = Http.JSON.readTree(output);
        assertEquals("invalid_request", unsigned.get("error").asText(), output);
        assertTrue(unsigned.get("error_description").asText().contains("UNSIGNED-PAYLOAD"), output);

        Signers.Signed presigned = Signers.Aws.of(ak, sk).presigned(Duration.ofDays(7)).sign("POST", tokenUrl(), FORM, BODY);
        Http.Response week = presigned.send();
        assertEquals(400, week.status(), week.toString());
        assertEquals("invalid_request", week.json().get("error").asText());
    }

    @Test
    void theAccountsStateRefusesTheGrant() {
        JsonNode key = createKeyFor("dave");
        String dak = key.get("accessKeyId").asText();
        String dsk = key.get("secretAccessKey").asText();
        String dave = realm.userId("dave");
        assertEquals(200, grantResponse(dak, dsk).status());

        realm.updateUser(dave, "requiredActions", List.of("UPDATE_PASSWORD"));
        assertGrantRefused(dak, dsk, "Account is not fully set up");
        realm.updateUser(dave, "requiredActions", List.of());
        assertEquals(200, grantResponse(dak, dsk).status());

        realm.update(Map.of("bruteForceProtected", true, "failureFactor", 1, "waitIncrementSeconds", 600,
                "maxFailureWaitSeconds", 900));
        try {
            Http.post(tokenUrl()).form(Map.of("grant_type", "password", "client_id", "test-client", "username", "dave",
                    "password", "wrong")).send();
            awaitLockedOut(dave);
            assertGrantRefused(dak, dsk, "temporarily disabled");
        } finally {
            realm.admin().delete(realm.adminPath("/attack-detection/brute-force/users/" + dave));
            realm.update(Map.of("bruteForceProtected", false));
        }
        assertEquals(200, grantResponse(dak, dsk).status());

        realm.updateUser(dave, "enabled", false);
        Http.Response disabled = grantResponse(dak, dsk);
        assertEquals(400, disabled.status());
        assertEquals("invalid_grant", disabled.json().get("error").asText());
    }

    /** Keycloak records login failures off the request thread: wait until the lockout is in force. */
    private void awaitLockedOut(String userId) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!realm.admin().get(realm.adminPath("/attack-detection/brute-force/users/" + userId)).expect(200).json()
                .path("disabled").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("brute-force detection did not lock " + userId + " out");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void assertGrantRefused(String accessKeyId, String secret, String why) {
        Http.Response response = grantResponse(accessKeyId, secret);
        assertEquals(400, response.status(), response.toString());
        assertEquals("invalid_grant", response.json().get("error").asText());
        assertTrue(response.json().get("error_description").asText().contains(why), response.toString());
    }

    private Http.Response grantResponse(String accessKeyId, String secret) {
        return Signers.Aws.of(accessKeyId, secret).sign("POST", tokenUrl(), FORM, BODY).send();
    }

    private String grant(String accessKeyId, String secret, String securityToken) {
        Signers.Aws signer = Signers.Aws.of(accessKeyId, secret);
        if (securityToken != null) {
            signer = signer.token(securityToken);
        }
        return signer.sign("POST", tokenUrl(), FORM, BODY).send().expect(200).json().get("access_token").asText();
    }

    private JsonNode createKeyFor(String username) {
        String userId = "alice".equals(username) ? realm.userId(username) : realm.createUser(username, username);
        return realm.admin().post(realm.adminPath("/access-keys/users/" + userId + "/keys"), Map.of())
                .expect(201).json();
    }

    private JsonNode keysOf(String username) {
        return realm.admin().get(realm.adminPath("/access-keys/users/" + realm.userId(username) + "/keys")).expect(200).json();
    }

    private String tokenUrl() {
        return realm.url("/protocol/openid-connect/token");
    }

    private static JsonNode claims(String jwt) {
        try {
            return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
