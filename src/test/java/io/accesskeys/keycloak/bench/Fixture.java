package io.accesskeys.keycloak.bench;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.credential.AccessKeyFormat;
import io.accesskeys.keycloak.credential.AccessKeyStore;
import io.accesskeys.keycloak.sealing.SecretCipher;

/**
 * The realm the benchmark needs, made through the admin REST API: a gateway client (service account with
 * access-key-verifier, in its own tokens' audience so that it may introspect them), a client that enables the
 * signed-request grant, and users with permanent keys: one for the single-key pairs, ten, one probe that is used only
 * to count database writes (these made through the access-keys API), and the many keys of 2 per user (imported).
 */
final class Fixture {

    static final String REALM = "bench";
    static final String GATEWAY = "bench-gateway";
    static final String GATEWAY_SECRET = "bench-gateway-secret";
    static final String GRANT_CLIENT = "bench-grant";
    static final String SINGLE_USER = "alice";

    record Key(String accessKeyId, String secret) {
    }

    Key single;
    Key probe;
    final List<Key> ten = new ArrayList<>();
    final List<Key> many = new ArrayList<>();
    String gatewayToken;
    Duration setupTime;

    static String gatewayBasic() {
        return Base64.getEncoder().encodeToString((GATEWAY + ":" + GATEWAY_SECRET).getBytes());
    }

    static Fixture create(Admin admin, String baseUrl, int keys) throws Exception {
        long started = System.nanoTime();
        Fixture fixture = new Fixture();
        admin.lengthenAdminTokens();
        admin.send("POST", "/admin/realms", Map.of("realm", REALM, "enabled", true, "accessTokenLifespan", 3600), 201);
        String realm = "/admin/realms/" + REALM;
        String gateway = admin.create(realm + "/clients", Map.of("clientId", GATEWAY, "publicClient", false,
                "secret", GATEWAY_SECRET, "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                "protocolMappers", List.of(Map.of("name", "audience", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.client.audience", GATEWAY,
                                "access.token.claim", "true", "introspection.token.claim", "true")))));
        String serviceUser = admin.json(realm + "/clients/" + gateway + "/service-account-user").get("id").asText();
        JsonNode role = admin.json(realm + "/roles/access-key-verifier");
        admin.send("POST", realm + "/users/" + serviceUser + "/role-mappings/realm", List.of(role), 204);
        admin.create(realm + "/clients", Map.of("clientId", GRANT_CLIENT, "publicClient", true, "standardFlowEnabled", false,
                "attributes", Map.of("access-keys.signed-request-grant.enabled", "true")));
        fixture.gatewayToken = admin.form(baseUrl + "/realms/" + REALM + "/protocol/openid-connect/token",
                Map.of("grant_type", "client_credentials", "client_id", GATEWAY, "client_secret", GATEWAY_SECRET), null)
                .get("access_token").asText();

        List<String> named = new ArrayList<>(List.of(SINGLE_USER, "probe"));
        for (int i = 1; i <= 10; i++) {
            named.add(String.format("ten%02d", i));
        }
        List<String> ids = importUsers(admin, realm, named);
        List<Key> namedKeys = createKeys(admin, realm, ids, 1, named.size());
        fixture.single = namedKeys.get(0);
        fixture.probe = namedKeys.get(1);
        fixture.ten.addAll(namedKeys.subList(2, 12));
        fixture.many.addAll(importKeyHolders(admin, realm, keys));
        System.out.printf("  %d users with %d keys imported in %.0f s%n", (keys + 1) / 2, keys,
                (System.nanoTime() - started) / 1e9);
        fixture.setupTime = Duration.ofNanos(System.nanoTime() - started);
        return fixture;
    }

    /**
     * The many keys' users with their keys, 1 000 users per partial import, each key in its exported form (sealed
     * under a realm AES key that the benchmark adds, as an import from another Keycloak would carry it): creating
     * 200 000 keys one POST at a time took over half an hour on a 2-core machine. Keys made this way are cold on the
     * node (no creation warmed them); a server restart warms them as a node start does.
     */
    private static List<Key> importKeyHolders(Admin admin, String realm, int keys) throws Exception {
        byte[] realmKey = new byte[16];
        new SecureRandom().nextBytes(realmKey);
        String kid = "bench-" + UUID.randomUUID();
        String realmId = admin.json(realm).get("id").asText();
        // Above the generated key's priority 100: it seals and opens the imported keys (and any key made after it).
        admin.send("POST", realm + "/components", Map.of("name", "bench-aes", "providerId", "aes-generated",
                "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                "config", Map.of("priority", List.of("1000"), "secretSize", List.of("16"), "kid", List.of(kid),
                        "secret", List.of(Base64.getUrlEncoder().withoutPadding().encodeToString(realmKey)))), 201);
        long createdDate = System.currentTimeMillis();
        List<Key> made = new ArrayList<>(keys);
        int users = (keys + 1) / 2;
        Semaphore inFlight = new Semaphore(2);
        List<CompletableFuture<String>> imports = new ArrayList<>();
        for (int from = 1; from <= users; from += 1000) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int u = from; u <= Math.min(users, from + 999); u++) {
                String username = String.format("user%06d", u);
                String userId = UUID.randomUUID().toString();
                List<Map<String, Object>> credentials = new ArrayList<>();
                for (int k = 0; k < 2 && made.size() < keys; k++) {
                    String accessKeyId = AccessKeyFormat.newPermanentAccessKeyId();
                    char[] secret = AccessKeyFormat.newSecret();
                    SecretCipher.Sealed sealed = SecretCipher.STORED_SECRETS.sealChars(realmKey, kid,
                            AccessKeyStore.associatedData(realmId, userId, accessKeyId), secret);
                    AccessKeyStore.StoredForm stored = AccessKeyStore.StoredForm.of(accessKeyId, null, null, sealed);
                    credentials.add(Map.of("id", accessKeyId, "type", AccessKeyStore.TYPE, "userLabel", accessKeyId,
                            "createdDate", createdDate, "credentialData", stored.credentialData(),
                            "secretData", stored.secretData()));
                    made.add(new Key(accessKeyId, new String(secret)));
                }
                batch.add(Map.of("id", userId, "username", username, "enabled", true, "email", username + "@bench.test",
                        "emailVerified", true, "firstName", "Bench", "lastName", username, "credentials", credentials));
            }
            // Two imports at a time: one keeps a single core busy.
            inFlight.acquire();
            int madeSoFar = made.size();
            imports.add(admin.sendAsync("POST", realm + "/partialImport",
                    Map.of("ifResourceExists", "FAIL", "users", batch), 200).whenComplete((body, failure) -> {
                        inFlight.release();
                        if (failure == null && madeSoFar % 20_000 == 0) {
                            System.out.printf("  %d keys imported%n", madeSoFar);
                        }
                    }));
        }
        CompletableFuture.allOf(imports.toArray(CompletableFuture[]::new)).join();
        return made;
    }

    /** Users with IDs of our own, 1 000 per partial import (much faster than one POST each). */
    private static List<String> importUsers(Admin admin, String realm, List<String> usernames) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < usernames.size(); from += 1000) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (String username : usernames.subList(from, Math.min(usernames.size(), from + 1000))) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                batch.add(Map.of("id", id, "username", username, "enabled", true, "email", username + "@bench.test",
                        "emailVerified", true, "firstName", "Bench", "lastName", username));
            }
            admin.send("POST", realm + "/partialImport", Map.of("ifResourceExists", "FAIL", "users", batch), 200);
        }
        return ids;
    }

    /** {@code perUser} keys for each user (a user's keys one after the other), 8 users at a time, at most {@code limit}. */
    private static List<Key> createKeys(Admin admin, String realm, List<String> userIds, int perUser, int limit)
            throws Exception {
        Key[] keys = new Key[Math.min(limit, userIds.size() * perUser)];
        Semaphore inFlight = new Semaphore(8);
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int u = 0; u < userIds.size() && u * perUser < keys.length; u++) {
            inFlight.acquire();
            String path = realm + "/access-keys/users/" + userIds.get(u) + "/keys";
            int first = u * perUser;
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (int k = first; k < Math.min(keys.length, first + perUser); k++) {
                int index = k;
                chain = chain.thenCompose(ignored -> admin.sendAsync("POST", path, Map.of(), 201)).thenAccept(body -> {
                    try {
                        JsonNode key = Admin.JSON.readTree(body);
                        keys[index] = new Key(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    int count = done.incrementAndGet();
                    if (count % 20_000 == 0) {
                        System.out.printf("  %d keys made (%.0f/s)%n", count, count / ((System.nanoTime() - started) / 1e9));
                    }
                });
            }
            all.add(chain.whenComplete((ignored, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return List.of(keys);
    }
}
