package io.accesskeys.keycloak.it.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.AdminApi;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A full realm export ({@code kc.sh export}, a second process on the running server's database) imported into a
 * fresh Keycloak ({@code kc.sh import}, then start): every permanent key still verifies, because the sealed
 * secrets and the realm's AES key travel together, and the export holds no secret in clear text. Two servers of
 * their own, not the shared one; the test database vendor of the run, each server on its own database.
 */
class ExportImportIT {

    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(6);
    private static KeycloakServer source;
    private static KeycloakServer target;

    @AfterAll
    static void stop() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void everyPermanentKeyStillVerifiesAfterExportAndImportIntoAFreshServer() throws Exception {
        source = KeycloakServer.separate("export-source", "accesskeys_export").startFresh();
        TestRealms realms = TestRealms.on(source, AdminApi.of(source));
        TestRealm realm = realms.create();
        realm.createUser("carol", "carol");
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        for (String user : new String[] {"alice", "carol"}) {
            AccessKeysClient client = AccessKeysClient.as(realm, user, user);
            for (int i = 0; i < 2; i++) {
                // carol's second key is scoped: its roles travel too
                JsonNode key = user.equals("carol") && i == 1
                        ? Http.post(realm.accessKeys("/me/keys")).bearer(client.token())
                                .json(Map.of("roles", Map.of("realm", java.util.List.of("offline_access")))).send().expect(201).json()
                        : client.createKey();
                secrets.put(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText());
                owners.put(key.get("accessKeyId").asText(), user);
            }
        }
        String disabled = owners.keySet().iterator().next();
        AccessKeysClient.as(realm, "alice", "alice").patch(disabled, Map.of("status", "INACTIVE")).expect(200);
        JsonNode carolsBefore = AccessKeysClient.as(realm, "carol", "carol").list().expect(200).json();
        String aesKid = aesKeyId(realm);
        String realmId = realm.admin().get(realm.adminPath("")).expect(200).json().get("id").asText();

        // The export: a second process on the same database while the source server runs (from the target's
        // distribution, which is not running yet, so that the source's own build is left alone).
        target = KeycloakServer.separate("export-target", "accesskeys_import");
        Path file = Files.createTempFile("realm-export-", ".json");
        long exportStarted = System.nanoTime();
        target.kc(source, TOOL_TIMEOUT, "export", "--realm", realm.name(), "--file", file.toString(), "--users", "same_file");
        System.out.printf("kc.sh export took %.1f s%n", (System.nanoTime() - exportStarted) / 1e9);
        String exported = Files.readString(file, StandardCharsets.UTF_8);
        JsonNode export = Http.JSON.readTree(exported);

        assertEquals(realm.name(), export.get("realm").asText());
        assertEquals(realmId, export.get("id").asText(), "realm IDs are kept: the sealed secrets bind them");
        for (Map.Entry<String, String> key : secrets.entrySet()) {
            assertTrue(exported.contains(key.getKey()), "the export holds the credential of " + key.getKey());
            String sk = key.getValue();
            assertFalse(exported.contains(sk), "SK of " + key.getKey() + " in clear text in the export");
            for (int i = 0; i + 20 <= sk.length(); i++) {
                assertFalse(exported.contains(sk.substring(i, i + 20)),
                        "20 characters (half) of the SK of " + key.getKey() + " in clear text in the export");
            }
        }
        assertTrue(holdsAesKey(export, aesKid), "the export holds the realm's AES key " + aesKid + " with its secret");

        source.close(); // not needed any more; two cores are shared with the rest of the run

        // The import into a fresh server: its own, empty database.
        target.resetDatabase();
        long importStarted = System.nanoTime();
        target.kc(target, TOOL_TIMEOUT, "import", "--file", file.toString());
        System.out.printf("kc.sh import took %.1f s%n", (System.nanoTime() - importStarted) / 1e9);
        Files.delete(file);
        target.startOnExistingDatabase();

        TestRealm imported = TestRealms.on(target, AdminApi.of(target)).existing(realm.name());
        assertEquals(realmId, imported.admin().get(imported.adminPath("")).expect(200).json().get("id").asText());
        for (Map.Entry<String, String> key : secrets.entrySet()) {
            Http.Response response = Signers.Aws.of(key.getKey(), key.getValue()).get(imported.accessKeys("/whoami")).send();
            if (key.getKey().equals(disabled)) {
                assertEquals(401, response.status(), response.toString());
                assertEquals("AccessKeyInactive", response.json().get("error").asText(), "the status travels too");
                continue;
            }
            JsonNode identity = response.expect(200).json();
            assertEquals(owners.get(key.getKey()), identity.get("username").asText());
            assertEquals(key.getKey(), identity.get("accessKeyId").asText());
            assertEquals(imported.userId(owners.get(key.getKey())), identity.get("userId").asText());
            assertEquals("permanent", identity.get("keyType").asText());
        }
        JsonNode listed = AccessKeysClient.as(imported, "carol", "carol").list().expect(200).json();
        assertEquals(2, listed.size(), listed.toString());
        for (int i = 0; i < 2; i++) {
            assertEquals(carolsBefore.get(i).get("accessKeyId"), listed.get(i).get("accessKeyId"));
            assertEquals(carolsBefore.get(i).get("createdAt"), listed.get(i).get("createdAt"), "creation time kept");
            assertEquals(carolsBefore.get(i).get("roles"), listed.get(i).get("roles"), "scope kept");
        }
        assertEquals("offline_access", listed.get(1).get("roles").get("realm").get(0).asText(), listed.toString());
        System.out.printf("%d permanent keys verified after export and import (%s)%n", secrets.size(), source.database());
    }

    private static String aesKeyId(TestRealm realm) {
        for (JsonNode key : realm.admin().get(realm.adminPath("/keys")).expect(200).json().get("keys")) {
            if ("AES".equals(key.path("algorithm").asText()) && "ACTIVE".equals(key.path("status").asText())) {
                return key.get("kid").asText();
            }
        }
        throw new AssertionError("realm " + realm.name() + " has no active AES key");
    }

    private static boolean holdsAesKey(JsonNode export, String kid) {
        for (JsonNode provider : export.path("components").path("org.keycloak.keys.KeyProvider")) {
            JsonNode config = provider.path("config");
            if ("aes-generated".equals(provider.path("providerId").asText())
                    && kid.equals(config.path("kid").path(0).asText())
                    && config.path("secret").path(0).asText().length() >= 16) {
                return true;
            }
        }
        return false;
    }
}
