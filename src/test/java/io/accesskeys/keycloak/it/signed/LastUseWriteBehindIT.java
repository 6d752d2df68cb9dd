package io.accesskeys.keycloak.it.signed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Last uses are written behind, in batches: a burst of first uses loses none, each is shown at once by the node that
 * verified it, and each key gets exactly one row.
 */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LastUseWriteBehindIT {

    private static final int USERS = 15;

    private TestRealm realm;
    private KeycloakServer server;

    @BeforeAll
    void setUp(TestRealms realms, KeycloakServer keycloak) {
        realm = realms.create();
        server = keycloak;
    }

    @Test
    void aBurstOfFirstUsesIsShownAtOnceAndWrittenOncePerKey() throws Exception {
        List<JsonNode> keys = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            String userId = realm.createUser("burst" + u, "burst" + u);
            for (int k = 0; k < 2; k++) {
                keys.add(realm.admin().post(realm.adminPath("/access-keys/users/" + userId + "/keys"), Map.of())
                        .expect(201).json());
            }
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (JsonNode key : keys) {
                for (int i = 0; i < 3; i++) {
                    calls.add(pool.submit(() -> signer(key).get(realm.accessKeys("/whoami")).send().expect(200)));
                }
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }

        // Shown at once, written or not: the inventory and each user's keys.
        JsonNode inventory = realm.admin().get(realm.adminPath("/access-keys/keys?search=burst&max=100")).expect(200).json();
        assertEquals(keys.size(), inventory.size());
        for (JsonNode entry : inventory) {
            assertFalse(entry.get("lastUsed").isNull(), entry.toString());
            assertEquals("AWS4-HMAC-SHA256", entry.get("lastUsed").get("scheme").asText());
        }
        String firstUser = realm.userId("burst0");
        for (JsonNode key : realm.admin().get(realm.adminPath("/access-keys/users/" + firstUser + "/keys")).expect(200).json()) {
            assertFalse(key.get("lastUsed").isNull(), key.toString());
        }

        // Written within a few seconds: one row per key, none lost.
        long deadline = System.currentTimeMillis() + 15_000;
        int rows = usageRows(keys);
        while (rows < keys.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            rows = usageRows(keys);
        }
        assertEquals(keys.size(), rows, "one last-use row per key");
        JsonNode again = realm.admin().get(realm.adminPath("/access-keys/keys?search=burst&max=100")).expect(200).json();
        for (int i = 0; i < inventory.size(); i++) {
            assertEquals(inventory.get(i).get("lastUsed"), again.get(i).get("lastUsed"), "the written use is the one shown");
        }
    }

    private static Signers.Aws signer(JsonNode key) {
        return Signers.Aws.of(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText());
    }

    private int usageRows(List<JsonNode> keys) throws SQLException {
        int rows = 0;
        try (Connection connection = server.database().connect();
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from ACCESS_KEY_USAGE where ACCESS_KEY_ID = ?")) {
            for (JsonNode key : keys) {
                query.setString(1, key.get("accessKeyId").asText());
                try (ResultSet result = query.executeQuery()) {
                    result.next();
                    rows += result.getInt(1);
                }
            }
        }
        return rows;
    }
}
