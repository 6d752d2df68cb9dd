package io.accesskeys.keycloak.it.support;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates realms for tests. Every realm gets the public {@link TestRealm#TEST_CLIENT} and a local user
 * {@code alice}/{@code alice}; {@link #createWithBroker()} also makes realm {@code corp} (user {@code bob}/{@code bob})
 * its OIDC identity provider under the alias {@code corp}.
 */
public final class TestRealms {

    public static final String CORP = "corp";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final KeycloakServer server;
    private final AdminApi admin;
    private boolean corpCreated;

    TestRealms(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
    }

    /** Realms on a server of its own (see {@link KeycloakServer#separate}). */
    public static TestRealms on(KeycloakServer server, AdminApi admin) {
        return new TestRealms(server, admin);
    }

    /** A realm that exists already (made on another node of a cluster, or imported), seen through this server. */
    public TestRealm existing(String name) {
        return new TestRealm(name, server, admin);
    }

    /** A new realm with a unique name, {@code test-client} and {@code alice}. */
    public TestRealm create() {
        String name = "r" + COUNTER.incrementAndGet() + "-" + HexFormat.of().formatHex(randomBytes(3));
        admin.createRealm(Map.of("realm", name, "enabled", true));
        admin.create("/" + name + "/clients", Map.of(
                "clientId", TestRealm.TEST_CLIENT,
                "publicClient", true,
                "directAccessGrantsEnabled", true,
                "standardFlowEnabled", true,
                "redirectUris", List.of(server.baseUrl() + "/callback"),
                "webOrigins", List.of("+")));
        TestRealm realm = new TestRealm(name, server, admin);
        realm.createUser("alice", "alice");
        return realm;
    }

    /** A new realm as {@link #create()}, whose identity provider {@code corp} is realm {@code corp}. */
    public TestRealm createWithBroker() {
        TestRealm realm = create();
        ensureCorp();
        String secret = HexFormat.of().formatHex(randomBytes(24));
        String clientId = "broker-" + realm.name();
        admin.create("/" + CORP + "/clients", Map.of(
                "clientId", clientId,
                "publicClient", false,
                "secret", secret,
                "standardFlowEnabled", true,
                "redirectUris", List.of(realm.url("/broker/" + CORP + "/endpoint"))));
        String corp = server.baseUrl() + "/realms/" + CORP;
        admin.post(realm.adminPath("/identity-provider/instances"), Map.of(
                "alias", CORP,
                "displayName", "Corp",
                "providerId", "oidc",
                "enabled", true,
                "trustEmail", true,
                "config", Map.ofEntries(
                        Map.entry("clientId", clientId),
                        Map.entry("clientSecret", secret),
                        Map.entry("clientAuthMethod", "client_secret_post"),
                        Map.entry("issuer", corp),
                        Map.entry("authorizationUrl", corp + "/protocol/openid-connect/auth"),
                        Map.entry("tokenUrl", corp + "/protocol/openid-connect/token"),
                        Map.entry("userInfoUrl", corp + "/protocol/openid-connect/userinfo"),
                        Map.entry("jwksUrl", corp + "/protocol/openid-connect/certs"),
                        Map.entry("useJwksUrl", "true"),
                        Map.entry("validateSignature", "true"),
                        Map.entry("pkceEnabled", "true"),
                        Map.entry("pkceMethod", "S256"),
                        Map.entry("defaultScope", "openid profile email"),
                        Map.entry("syncMode", "IMPORT")))).expect(201);
        return realm;
    }

    /** Realm {@code corp}: the upstream identity provider, with user {@code bob}. */
    public synchronized TestRealm corp() {
        ensureCorp();
        return new TestRealm(CORP, server, admin);
    }

    private synchronized void ensureCorp() {
        if (corpCreated) {
            return;
        }
        admin.createRealm(Map.of("realm", CORP, "enabled", true));
        new TestRealm(CORP, server, admin).createUser("bob", "bob");
        corpCreated = true;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
