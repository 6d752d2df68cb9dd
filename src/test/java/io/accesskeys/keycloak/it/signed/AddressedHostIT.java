package io.accesskeys.keycloak.it.signed;

import static io.accesskeys.keycloak.it.support.ContractErrors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.AdminApi;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Where a hostname is configured, whoami and the grant accept only requests addressed to this Keycloak: a request
 * signed for another host is refused, wherever it was sent. A server of its own, started with {@code --hostname}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AddressedHostIT {

    private static final String GRANT = "urn:access-keys:params:oauth:grant-type:signed-request";

    private KeycloakServer server;
    private TestRealm realm;
    private String ak;
    private String sk;

    @BeforeAll
    void start() {
        server = KeycloakServer.separate("hostname", "accesskeys_hostname").withOptions("--hostname=localhost").startFresh();
        realm = TestRealms.on(server, AdminApi.of(server)).create();
        JsonNode key = AccessKeysClient.as(realm, "alice", "alice").createKey();
        ak = key.get("accessKeyId").asText();
        sk = key.get("secretAccessKey").asText();
        realm.admin().create(realm.adminPath("/clients"), java.util.Map.of("clientId", "grant-client", "publicClient", true,
                "standardFlowEnabled", false, "attributes", java.util.Map.of("access-keys.signed-request-grant.enabled", "true")));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRequestToTheConfiguredHostVerifies() {
        String whoami = "http://localhost:" + server.httpPort() + "/realms/" + realm.name() + "/access-keys/whoami";
        assertEquals("alice", Signers.Aws.of(ak, sk).get(whoami).send().expect(200).json().get("username").asText());
    }

    @Test
    void aRequestSignedForAnotherHostIsRefused() {
        // 127.0.0.1 reaches the same server, but it is not the host this Keycloak is configured for
        String other = "http://127.0.0.1:" + server.httpPort() + "/realms/" + realm.name();
        assertCode(Signers.Aws.of(ak, sk).get(other + "/access-keys/whoami").send(), 401, "SignatureDoesNotMatch");
        assertCode(Signers.huawei(ak, sk, null, "GET", other + "/access-keys/whoami", null).send(), 401, "SignatureDoesNotMatch");

        Http.Response grant = Signers.Aws.of(ak, sk).sign("POST", other + "/protocol/openid-connect/token",
                "application/x-www-form-urlencoded", "grant_type=" + GRANT + "&client_id=grant-client").send();
        assertEquals(400, grant.status(), grant.toString());
        assertTrue(grant.json().get("error_description").asText().startsWith("SignatureDoesNotMatch"), grant.toString());
        Http.Response allowed = Signers.Aws.of(ak, sk).sign("POST", "http://localhost:" + server.httpPort() + "/realms/"
                + realm.name() + "/protocol/openid-connect/token", "application/x-www-form-urlencoded",
                "grant_type=" + GRANT + "&client_id=grant-client").send();
        assertEquals(200, allowed.status(), allowed.toString());
    }
}
