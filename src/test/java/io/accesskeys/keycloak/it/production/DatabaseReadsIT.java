package io.accesskeys.keycloak.it.production;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TableReads;
import io.accesskeys.keycloak.it.support.TestDatabase;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a signed request reads from the database, counted by PostgreSQL itself: a new key's first request finds its
 * user already cached (the node warms it once the creation commits), and the signed-request grant creates its client
 * session instead of looking for one in the database. Each claim comes with its control, a call that does read, so
 * that a count of 0 cannot come from counters that do not move.
 */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseReadsIT {

    /**
     * What a user's first verification after a load reads besides the user row and its credentials (the hygiene task
     * reads those tables too): role mappings and groups, for the key's effective roles. Keycloak loads a cached user's
     * parts when first asked; the grant asks for attributes and required actions too, once per cached user.
     */
    private static final List<String> USER_TABLES = List.of("user_attribute", "user_role_mapping",
            "user_group_membership", "user_required_action", "federated_identity");
    private static final List<String> SESSION_TABLES = List.of("offline_client_session", "offline_user_session");
    private static final String GRANT = "urn:access-keys:params:oauth:grant-type:signed-request";
    private static final int GRANTS = 10;

    private TestRealm realm;

    @BeforeAll
    void setUp(TestRealms realms, KeycloakServer server) {
        Assumptions.assumeTrue(server.database() == TestDatabase.POSTGRES,
                "PostgreSQL's table statistics count the reads (-Dtest.db=postgres)");
        realm = realms.create();
        realm.admin().create(realm.adminPath("/clients"), Map.of("clientId", "grant-client", "publicClient", true,
                "standardFlowEnabled", false, "attributes", Map.of("access-keys.signed-request-grant.enabled", "true")));
        realm.admin().create(realm.adminPath("/clients"), Map.of("clientId", "service", "publicClient", false,
                "secret", "service-secret-for-tests", "serviceAccountsEnabled", true, "standardFlowEnabled", false));
    }

    @Test
    void aNewKeysFirstRequestReadsNoUserDataAndItsGrantsReadNoSession() throws Exception {
        String userId = realm.createUser("reader", "reader");
        JsonNode key = realm.admin().post(realm.adminPath("/access-keys/users/" + userId + "/keys"), Map.of())
                .expect(201).json();
        Signers.Aws signer = Signers.Aws.of(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText());

        TableReads beforeFirstUse = TableReads.settled();
        whoami(signer);
        TableReads afterFirstUse = TableReads.settled();
        for (int i = 0; i < GRANTS; i++) {
            grant(signer);
        }
        // Drops the user from the cache (the control below); its own reads fall in this window, which counts sessions.
        realm.updateUser(userId, "firstName", "Reader");
        TableReads afterGrants = TableReads.settled();
        // Controls: the user is loaded again, and a client_credentials grant looks for its client session each time.
        whoami(signer);
        for (int i = 0; i < GRANTS; i++) {
            Http.post(realm.url("/protocol/openid-connect/token"))
                    .form(Map.of("grant_type", "client_credentials", "client_id", "service",
                            "client_secret", "service-secret-for-tests"))
                    .send().expect(200);
        }
        TableReads afterControls = TableReads.settled();

        long grantReads = sum(afterGrants.since(afterFirstUse, SESSION_TABLES));
        long controlReads = sum(afterControls.since(afterGrants, SESSION_TABLES));
        assertAll(
                () -> assertEquals(Map.of(), afterFirstUse.since(beforeFirstUse, USER_TABLES),
                        "a new key's first request found its user in the cache"),
                () -> assertTrue(grantReads < GRANTS, GRANTS + " grants read the session tables " + grantReads + " times"),
                () -> assertFalse(afterControls.since(afterGrants, USER_TABLES).isEmpty(), "loading a user reads its data"),
                () -> assertTrue(controlReads >= GRANTS, GRANTS + " client_credentials grants read the session tables "
                        + controlReads + " times"));
    }

    private void whoami(Signers.Aws signer) {
        Http.Response response = signer.sign("GET", realm.accessKeys("/whoami"), null, null).send();
        assertEquals(200, response.status(), response.body());
        assertEquals("reader", response.json().get("username").asText());
    }

    private void grant(Signers.Aws signer) {
        String body = "grant_type=" + GRANT.replace(":", "%3A") + "&client_id=grant-client";
        Http.Response response = signer.sign("POST", realm.url("/protocol/openid-connect/token"),
                "application/x-www-form-urlencoded", body).send();
        assertEquals(200, response.status(), response.body());
        assertTrue(response.json().hasNonNull("access_token"), response.body());
    }

    private static long sum(Map<String, Long> reads) {
        return reads.values().stream().mapToLong(Long::longValue).sum();
    }
}
