package io.accesskeys.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AdminApi;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.KeycloakIntegrationTest;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.OidcLogin;
import org.junit.jupiter.api.Test;

/**
 * The demo's realm files (docker/realms, imported by ./demo.sh and the container setup) work as promised: alice logs
 * in locally, bob logs in through corp and comes back brokered without any extra page. The files name
 * localhost:8080 and realms demo/corp; they are imported here under other names on the test server's port.
 */
@KeycloakIntegrationTest
class DemoRealmsIT {

    private static final String DEMO = "demo-it";
    private static final String CORP = "corp-demo-it";

    @Test
    void aliceAndBobLogInAsTheReadmeSays(KeycloakServer server, AdminApi admin) throws IOException {
        admin.createRealm(realmFile("corp-realm.json", server));
        admin.createRealm(realmFile("demo-realm.json", server));
        String accountConsole = server.baseUrl() + "/realms/" + DEMO + "/account/";
        String me = server.baseUrl() + "/realms/" + DEMO + "/access-keys/me";

        String alice = OidcLogin.to(server, DEMO).client("account-console", accountConsole)
                .onlyLoginForms().login("alice", "alice").accessToken();
        JsonNode aliceMe = Http.get(me).bearer(alice).send().expect(200).json();
        assertEquals("alice", aliceMe.get("username").asText());
        assertEquals(false, aliceMe.get("federated").asBoolean());

        String bob = OidcLogin.to(server, DEMO).client("account-console", accountConsole)
                .via("corp").onlyLoginForms().login("bob", "bob").accessToken();
        JsonNode bobMe = Http.get(me).bearer(bob).send().expect(200).json();
        assertEquals("bob", bobMe.get("username").asText());
        assertTrue(bobMe.get("federated").asBoolean());
        assertEquals("corp", bobMe.get("identityProvider").asText());
    }

    private static String realmFile(String name, KeycloakServer server) throws IOException {
        return Files.readString(Path.of("docker/realms", name))
                .replace("http://localhost:8080", server.baseUrl())
                .replace("/realms/demo", "/realms/" + DEMO)
                .replace("/realms/corp", "/realms/" + CORP)
                .replace("\"realm\": \"demo\"", "\"realm\": \"" + DEMO + "\"")
                .replace("\"realm\": \"corp\"", "\"realm\": \"" + CORP + "\"");
    }
}
