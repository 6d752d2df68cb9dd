package io.accesskeys.keycloak.it.temporary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TableCounts;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Temporary keys for brokered users: issuance, the three signers, and every way a key stops working. */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemporaryKeysIT {

    private TestRealm realm;
    private String bobToken;

    @BeforeAll
    void setUp(TestRealms realms) {
        realm = realms.createWithBroker();
        realm.enableEvents();
        bobToken = realm.brokeredLogin("bob", "bob").accessToken();
    }

    @Test
    void aBrokeredUserGetsATemporaryKeyThatEverySignerCanUse() {
        Instant before = Instant.now();
        Http.Response response = issue(bobToken, Map.of());
        assertEquals(201, response.status(), response.body());
        JsonNode key = response.json();
        String ak = key.get("accessKeyId").asText();
        String sk = key.get("secretAccessKey").asText();
        String token = key.get("securityToken").asText();
        assertTrue(ak.matches("KCTK[A-Z2-7]{16}"), ak);
        assertTrue(sk.matches("[A-Za-z0-9]{40}"));
        Instant expiration = Instant.parse(key.get("expiration").asText());
        long lifetime = Duration.between(before, expiration).getSeconds();
        assertTrue(lifetime >= 895 && lifetime <= 905, "default 900 s, was " + lifetime);

        String whoami = realm.accessKeys("/whoami");
        JsonNode aws = Signers.Aws.of(ak, sk).token(token).get(whoami).send().expect(200).json();
        assertEquals("bob", aws.get("username").asText());
        assertEquals("temporary", aws.get("keyType").asText());
        assertEquals(key.get("expiration").asText(), aws.get("expiration").asText());

        JsonNode huawei = Signers.huawei(ak, sk, token, "GET", whoami, null).send().expect(200).json();
        assertEquals("SDK-HMAC-SHA256", huawei.get("scheme").asText());
        assertEquals("temporary", huawei.get("keyType").asText());

        Signers.Signed presigned = Signers.Aws.of(ak, sk).token(token).presigned(Duration.ofMinutes(5)).get(whoami);
        assertTrue(presigned.url().contains("X-Amz-Security-Token="));
        assertEquals("bob", presigned.send().expect(200).json().get("username").asText());

        // nothing to list: temporary keys are not stored
        assertEquals(0, Http.get(realm.accessKeys("/me/keys")).bearer(bobToken).send().expect(200).json().size());
        assertEquals(404, Http.delete(realm.accessKeys("/me/keys/" + ak)).bearer(bobToken).send().status());
    }

    @Test
    void brokenTokensAreRefused() {
        JsonNode first = issue(bobToken, Map.of()).json();
        JsonNode second = issue(bobToken, Map.of()).json();
        String ak = first.get("accessKeyId").asText();
        String sk = first.get("secretAccessKey").asText();
        String token = first.get("securityToken").asText();
        String whoami = realm.accessKeys("/whoami");

        assertCode(Signers.Aws.of(ak, sk).get(whoami).send(), 401, "InvalidToken");
        int middle = token.length() / 2;
        String altered = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A') + token.substring(middle + 1);
        assertCode(Signers.Aws.of(ak, sk).token(altered).get(whoami).send(), 401, "InvalidToken");
        assertCode(Signers.Aws.of(ak, sk).token(second.get("securityToken").asText()).get(whoami).send(), 401, "InvalidToken");
        assertCode(Signers.Aws.of(ak, sk).token("not-a-token").get(whoami).send(), 401, "InvalidToken");
        assertCode(Signers.Aws.of(ak, Signers.wrongSecret(sk)).token(token).get(whoami).send(), 401, "SignatureDoesNotMatch");
    }

    @Test
    void aTokenOfAnotherRealmIsRefused(TestRealms realms) {
        TestRealm other = realms.createWithBroker();
        JsonNode key = issue(other, other.brokeredLogin("bob", "bob").accessToken(), Map.of()).json();

        assertCode(Signers.Aws.of(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText())
                .token(key.get("securityToken").asText()).get(realm.accessKeys("/whoami")).send(), 401, "InvalidToken");
    }

    @Test
    void durationsAndWhoMayHaveTemporaryKeys() {
        assertCode(issue(bobToken, Map.of("durationSeconds", 899)), 400, "InvalidDuration");
        assertCode(issue(bobToken, Map.of("durationSeconds", 86401)), 400, "InvalidDuration");
        assertCode(issue(bobToken, Map.of("durationSeconds", "an hour")), 400, "InvalidDuration");
        JsonNode day = issue(bobToken, Map.of("durationSeconds", 86400)).expect(201).json();
        long lifetime = Duration.between(Instant.now(), Instant.parse(day.get("expiration").asText())).getSeconds();
        assertTrue(lifetime > 86300 && lifetime <= 86400, "lifetime " + lifetime);

        String alice = realm.passwordLogin("alice", "alice").accessToken();
        assertCode(issue(alice, Map.of()), 403, "FederatedUserRequired");
        assertCode(Http.post(realm.accessKeys("/me/keys")).bearer(bobToken).json(Map.of()).send(), 403, "LocalUserRequired");
    }

    @Test
    void csvHasTheTokenAndExpirationColumns() {
        Http.Response csv = Http.post(realm.accessKeys("/me/temporary")).bearer(bobToken).header("Accept", "text/csv")
                .json(Map.of("durationSeconds", 3600)).send();

        assertEquals(201, csv.status());
        assertEquals("attachment; filename=\"credentials.csv\"", csv.header("Content-Disposition"));
        String[] lines = csv.body().split("\r\n", -1);
        assertEquals("User Name,Access Key Id,Secret Access Key,Security Token,Expiration", lines[0]);
        String[] row = lines[1].split(",");
        assertEquals(5, row.length);
        assertEquals("bob", row[0]);
        assertTrue(row[1].startsWith("KCTK"));
        assertTrue(row[3].startsWith("KCT1."));
        Instant.parse(row[4]);
        assertEquals("", lines[2]);
    }

    @Test
    void issuanceIsAUserEventWithoutSecrets() {
        JsonNode key = issue(bobToken, Map.of("durationSeconds", 1800)).json();
        String bob = realm.userId("bob");

        JsonNode events = realm.admin().get(realm.adminPath("/events?type=UPDATE_CREDENTIAL&user=" + bob)).expect(200).json();
        JsonNode details = null;
        for (JsonNode event : events) {
            if (key.get("accessKeyId").asText().equals(event.get("details").get("access_key_id").asText())) {
                details = event.get("details");
            }
        }
        assertEquals("1800", details.get("duration_seconds").asText());
        assertEquals("corp", details.get("identity_provider").asText());
        assertEquals("access-key-temporary", details.get("credential_type").asText());
        assertFalse(events.toString().contains(key.get("secretAccessKey").asText()));
        assertFalse(events.toString().contains(key.get("securityToken").asText().substring(10, 60)));
    }

    @Test
    void twoHundredIssuancesWriteNothing(KeycloakServer server) throws Exception {
        Map<String, Long> before = TableCounts.of(server.database());
        for (int i = 0; i < 200; i++) {
            issue(bobToken, Map.of()).expect(201);
        }
        Map<String, Long> after = TableCounts.of(server.database());

        // The realm records user events, so the event table grows by the 200 issuance events; nothing else changes.
        Map<String, Long> changed = new java.util.TreeMap<>();
        after.forEach((table, count) -> {
            if (!count.equals(before.get(table))) {
                changed.put(table, count - before.getOrDefault(table, 0L));
            }
        });
        assertEquals(Map.of("EVENT_ENTITY", 200L), upper(changed), "only the 200 issuance events were written");
    }

    @Test
    void expiryFollowsKeycloaksClock(KeycloakServer server) {
        JsonNode key = issue(bobToken, Map.of()).json();
        Signers.Aws signer = Signers.Aws.of(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText())
                .token(key.get("securityToken").asText());
        String whoami = realm.accessKeys("/whoami");
        assertEquals(200, signer.get(whoami).send().status());

        server.clockOffset(901);
        try {
            // sign at the server's (moved) time, so only the token's expiry can refuse it
            assertCode(signer.at(Instant.now().plusSeconds(901)).get(whoami).send(), 401, "ExpiredToken");
            server.clockOffset(890);
            assertEquals(200, signer.at(Instant.now().plusSeconds(890)).get(whoami).send().status());
        } finally {
            server.clockOffset(0);
        }
    }

    private Http.Response issue(String token, Map<String, Object> body) {
        return issue(realm, token, body);
    }

    private static Http.Response issue(TestRealm realm, String token, Map<String, Object> body) {
        return Http.post(realm.accessKeys("/me/temporary")).bearer(token).json(body).send();
    }

    static JsonNode assertCode(Http.Response response, int status, String code) {
        assertEquals(status, response.status(), response.body());
        assertEquals(code, response.json().get("error").asText(), response.body());
        assertFalse(response.json().get("error_description").asText().isBlank());
        return response.json();
    }

    private static Map<String, Long> upper(Map<String, Long> counts) {
        Map<String, Long> upper = new java.util.TreeMap<>();
        counts.forEach((table, count) -> upper.put(table.toUpperCase(java.util.Locale.ROOT), count));
        return upper;
    }
}
