package io.accesskeys.keycloak.it.permanent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.ContractErrors;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Whichever path deletes a key (self-service, the admin API, or Keycloak's own Credentials tab, which asks no
 * credential provider), the same after-effects follow once: its last-use row goes, and it stops signing at once.
 */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyDeletionAfterEffectsIT {

    private TestRealm realm;
    private KeycloakServer server;

    @BeforeAll
    void setUp(TestRealms realms, KeycloakServer keycloak) {
        realm = realms.create();
        realm.enableEvents();
        server = keycloak;
    }

    @Test
    void deletingInTheStockCredentialsTabRemovesTheLastUseRow() throws SQLException {
        JsonNode key = usedKey();
        String ak = key.get("accessKeyId").asText();

        realm.admin().delete(realm.adminPath("/users/" + realm.userId("alice") + "/credentials/" + ak)).expect(204);

        assertEquals(0, usageRows(ak));
        ContractErrors.assertCode(signer(key).get(realm.accessKeys("/whoami")).send(), 401, "InvalidAccessKeyId");
    }

    @Test
    void deletingThroughSelfServiceOrTheAdminApiRemovesTheLastUseRowAndReportsOnce() throws SQLException {
        JsonNode own = usedKey();
        String ownAk = own.get("accessKeyId").asText();
        AccessKeysClient.as(realm, "alice", "alice").delete(ownAk).expect(204);
        assertEquals(0, usageRows(ownAk));

        JsonNode administered = usedKey();
        String ak = administered.get("accessKeyId").asText();
        realm.admin().delete(realm.adminPath("/access-keys/users/" + realm.userId("alice") + "/keys/" + ak)).expect(204);
        assertEquals(0, usageRows(ak));
        ContractErrors.assertCode(signer(administered).get(realm.accessKeys("/whoami")).send(), 401, "InvalidAccessKeyId");

        JsonNode adminEvents = realm.admin().get(realm.adminPath("/admin-events?operationTypes=DELETE&max=100")).expect(200).json();
        int deletes = 0;
        for (JsonNode event : adminEvents) {
            if (ak.equals(event.path("details").path("access_key_id").asText())) {
                deletes++;
            }
        }
        assertEquals(1, deletes, adminEvents.toString());
        JsonNode userEvents = realm.admin().get(realm.adminPath("/events?type=REMOVE_CREDENTIAL&max=100")).expect(200).json();
        int removed = 0;
        for (JsonNode event : userEvents) {
            if (ownAk.equals(event.path("details").path("access_key_id").asText())) {
                removed++;
            }
        }
        assertEquals(1, removed, userEvents.toString());
    }

    /** A new key of alice's that has signed once (so that it has a last-use row). */
    private JsonNode usedKey() throws SQLException {
        JsonNode key = realm.admin().post(realm.adminPath("/access-keys/users/" + realm.userId("alice") + "/keys"), Map.of())
                .expect(201).json();
        signer(key).get(realm.accessKeys("/whoami")).send().expect(200);
        awaitUsageRow(key.get("accessKeyId").asText());
        return key;
    }

    /** Last uses are written behind, within a second or so of the verification. */
    private void awaitUsageRow(String accessKeyId) throws SQLException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (usageRows(accessKeyId) == 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no last-use row for " + accessKeyId + " 10 s after its use");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertEquals(1, usageRows(accessKeyId));
    }

    private static Signers.Aws signer(JsonNode key) {
        return Signers.Aws.of(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText());
    }

    private int usageRows(String accessKeyId) throws SQLException {
        try (Connection connection = server.database().connect();
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from ACCESS_KEY_USAGE where ACCESS_KEY_ID = ?")) {
            query.setString(1, accessKeyId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
