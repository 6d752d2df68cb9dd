package io.accesskeys.keycloak.it.permanent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.TestDatabase;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The secret of a key is shown once, in the answer to its create, and nowhere else: not in later answers, events,
 * the server log, a realm export, or the database.
 */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretNeverLeaksIT {

    private TestRealm realm;
    private String userId;
    private final List<String> accessKeyIds = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();

    @BeforeAll
    void createKeys(TestRealms realms) {
        realm = realms.create();
        realm.enableEvents();
        userId = realm.createUser("leaky", "leaky");
        AccessKeysClient user = AccessKeysClient.as(realm, "leaky", "leaky");
        var created = user.create("self-service").expect(201).json();
        remember(created.get("accessKeyId").asText(), created.get("secretAccessKey").asText());

        String csv = Http.post(realm.admin().url(realm.adminPath("/access-keys/users/" + userId + "/keys")))
                .bearer(realm.admin().token()).header("Accept", "text/csv").json(Map.of("description", "by admin"))
                .send().expect(201).body();
        String[] row = csv.split("\r\n")[1].split(",");
        remember(row[1], row[2]);
        // a change and a failed create, so that more events and log lines exist
        user.patch(accessKeyIds.get(0), Map.of("status", "INACTIVE")).expect(200);
        user.create("over quota").expect(409);
    }

    @Test
    void noLaterAnswerHoldsTheSecret() {
        AccessKeysClient user = AccessKeysClient.as(realm, "leaky", "leaky");
        List<String> answers = new ArrayList<>();
        answers.add(user.list().expect(200).body());
        answers.add(Http.get(realm.accessKeys("/me/keys/" + accessKeyIds.get(0))).bearer(user.token()).send().expect(200).body());
        answers.add(Http.get(realm.accessKeys("/me")).bearer(user.token()).send().expect(200).body());
        answers.add(realm.admin().get(realm.adminPath("/access-keys/users/" + userId + "/keys")).expect(200).body());
        answers.add(realm.admin().get(realm.adminPath("/access-keys/keys?search=leaky")).expect(200).body());
        answers.add(realm.admin().get(realm.adminPath("/access-keys/keys/" + accessKeyIds.get(1))).expect(200).body());
        answers.add(realm.admin().get(realm.adminPath("/users/" + userId + "/credentials")).expect(200).body());
        answers.add(realm.admin().get(realm.adminPath("/users/" + userId)).expect(200).body());

        assertTrue(answers.get(3).contains(accessKeyIds.get(0)), "the answers do show the AKs");
        answers.forEach(this::assertNoSecret);
    }

    @Test
    void noEventHoldsTheSecret() {
        String events = realm.admin().get(realm.adminPath("/events?user=" + userId + "&max=100")).expect(200).body();
        String adminEvents = realm.admin().get(realm.adminPath("/admin-events?max=100")).expect(200).body();

        assertTrue(events.contains(accessKeyIds.get(0)), "user events name the AK");
        assertTrue(adminEvents.contains(accessKeyIds.get(1)), "admin events name the AK");
        assertNoSecret(events);
        assertNoSecret(adminEvents);
    }

    @Test
    void theServerLogHoldsNoSecret(KeycloakServer server) {
        assertNoSecret(server.log());
    }

    @Test
    void aRealmExportHoldsNoSecret() {
        String export = realm.admin().post(realm.adminPath("/partial-export?exportClients=true&exportGroupsAndRoles=true"), Map.of())
                .expect(200).body();

        assertNoSecret(export);
    }

    @Test
    void theDatabaseHoldsTheSecretOnlySealed(KeycloakServer server) throws Exception {
        String stored;
        if (server.database() == TestDatabase.H2) {
            // H2 writes its file lazily: wait until the rows are on disk (the AK shows), then look for the secret.
            Path file = server.home().resolve("data/h2/keycloakdb.mv.db");
            stored = "";
            for (int i = 0; i < 40 && !stored.contains(accessKeyIds.get(1)); i++) {
                Thread.sleep(500);
                stored = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            }
        } else {
            stored = credentialRows(server.database());
        }
        assertTrue(stored.contains(accessKeyIds.get(0)) && stored.contains(accessKeyIds.get(1)),
                "the key rows are in what was read");
        assertNoSecret(stored);
    }

    private String credentialRows(TestDatabase database) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("select * from CREDENTIAL where USER_ID = ?")) {
            query.setString(1, userId);
            try (ResultSet rows = query.executeQuery()) {
                ResultSetMetaData columns = rows.getMetaData();
                while (rows.next()) {
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        text.append(rows.getString(i)).append('|');
                    }
                    text.append('\n');
                }
            }
        }
        return text.toString();
    }

    private void remember(String accessKeyId, String secret) {
        assertTrue(secret.matches("[A-Za-z0-9]{40}"));
        accessKeyIds.add(accessKeyId);
        secrets.add(secret);
    }

    private void assertNoSecret(String text) {
        assertEquals(2, secrets.size());
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "a secret was found");
            // nor a large part of it (e.g. the secret cut or wrapped)
            assertFalse(text.contains(secret.substring(0, 20)), "half a secret was found");
        }
    }
}
