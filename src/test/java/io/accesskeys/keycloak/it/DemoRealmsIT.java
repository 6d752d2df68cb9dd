package io.accesskeys.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AdminApi;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.OidcLogin;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo's realm files (docker/realms, imported by ./demo.sh and the container setup) work as promised: alice logs
 * in locally, bob logs in through corp and comes back brokered without any extra page. The files name
 * localhost:8080 and realms demo/corp; they are imported here under other names on the test server's port.
 */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoRealmsIT {

    private static final String DEMO = "demo-it";
    private static final String CORP = "corp-demo-it";

    @BeforeAll
    void importTheDemoRealms(KeycloakServer server, AdminApi admin) throws IOException {
        admin.createRealm(realmFile("corp-realm.json", server));
        admin.createRealm(realmFile("demo-realm.json", server));
    }

    @Test
    void aliceAndBobLogInAsTheReadmeSays(KeycloakServer server) {
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

    /** The README's example script: it checks its steps, and it can be run again and again. */
    @Test
    void theExampleScriptWorksAgainAndAgainAndSaysWhenTheQuotaIsReached(KeycloakServer server, AdminApi admin)
            throws IOException, InterruptedException {
        Script first = script(server);
        assertEquals(0, first.exit(), first.output());
        assertTrue(first.output().contains("\"username\":\"alice\""), first.output());

        Script second = script(server);
        assertEquals(0, second.exit(), second.output());
        assertTrue(second.output().contains("deleted KCAK"), second.output());
        assertTrue(second.output().contains("\"username\":\"alice\""), second.output());

        // alice fills her quota with keys of her own: the script stops with a clear message and touches none of them
        String alice = admin.userId(DEMO, "alice");
        String keys = "/" + DEMO + "/access-keys/users/" + alice + "/keys";
        for (JsonNode key : admin.get(keys).expect(200).json()) {
            admin.delete(keys + "/" + key.get("accessKeyId").asText()).expect(204);
        }
        admin.post(keys, Map.of("description", "alice's own")).expect(201);
        admin.post(keys, Map.of("description", "alice's other")).expect(201);
        Script full = script(server);
        assertEquals(1, full.exit(), full.output());
        assertTrue(full.output().contains("already holds the most access keys allowed"), full.output());
        assertEquals(2, admin.get(keys).expect(200).json().size());
    }

    private record Script(int exit, String output) {
    }

    private static Script script(KeycloakServer server) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "examples/try-a-key.sh").redirectErrorStream(true);
        builder.environment().put("KC", server.baseUrl());
        builder.environment().put("REALM", DEMO);
        builder.environment().put("ADMIN_USER", KeycloakServer.ADMIN_USER);
        builder.environment().put("ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Script(process.waitFor(), output);
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
