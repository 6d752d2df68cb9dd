package io.accesskeys.keycloak.it.production;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.Signers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * A smoke test of the image of {@code docker/Dockerfile}: built from the working tree, started as {@code kc.sh start
 * --optimized --import-realm} on PostgreSQL, it imports the demo realms, hands out a key through the admin API
 * and verifies a request signed with it. Not the shared server of the run. It needs a Docker engine: where none
 * answers (the build machines), it reports itself skipped.
 */
class DockerImageIT {

    private static final String DB = "keycloak";

    /** Per test, not per class: so that the report counts the test as skipped and gives the reason. */
    @BeforeEach
    void dockerAnswers() {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            available = false;
        }
        String reason = "No Docker engine answers here (Testcontainers found none): the image of docker/Dockerfile is not tested";
        if (!available) {
            System.out.println("DockerImageIT skipped: " + reason);
        }
        Assumptions.assumeTrue(available, reason);
    }

    @Test
    void theImageImportsTheDemoRealmsAndVerifiesASignedRequest() {
        Path root = Path.of("").toAbsolutePath();
        ImageFromDockerfile image = new ImageFromDockerfile("keycloak-access-keys-it", true)
                .withFileFromPath("pom.xml", root.resolve("pom.xml"))
                .withFileFromPath("src", root.resolve("src"))
                .withFileFromPath("docker", root.resolve("docker"))
                .withDockerfilePath("docker/Dockerfile");
        if (Files.isDirectory(root.resolve("themes"))) {
            image.withFileFromPath("themes", root.resolve("themes"));
        }

        try (Network network = Network.newNetwork();
             GenericContainer<?> postgres = new GenericContainer<>("postgres:16")
                     .withNetwork(network).withNetworkAliases("postgres")
                     .withEnv(Map.of("POSTGRES_DB", DB, "POSTGRES_USER", DB, "POSTGRES_PASSWORD", DB))
                     .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\n", 2));
             KeycloakContainer keycloak = new KeycloakContainer(image.get())
                     .withNetwork(network)
                     .withEnv(Map.of(
                             "KC_DB_URL", "jdbc:postgresql://postgres:5432/" + DB,
                             "KC_DB_USERNAME", DB,
                             "KC_DB_PASSWORD", DB,
                             "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                             "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin",
                             "KC_HTTP_ENABLED", "true",
                             "KC_HOSTNAME_STRICT", "false"))
                     .withStartupTimeout(Duration.ofMinutes(5))
                     // The image's own entrypoint (kc.sh start --optimized --import-realm), not the container's start-dev.
                     .withCreateContainerCmdModifier(command -> command.withCmd(new String[0]))) {
            postgres.start();
            keycloak.start();
            String base = keycloak.getAuthServerUrl().replaceAll("/$", "");

            assertEquals("demo", Http.get(base + "/realms/demo").send().expect(200).json().get("realm").asText(),
                    "the demo realms of docker/realms are imported");

            String admin = Http.post(base + "/realms/master/protocol/openid-connect/token")
                    .form(Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"))
                    .send().expect(200).json().get("access_token").asText();
            Http.post(base + "/admin/realms").bearer(admin).json(Map.of("realm", "smoke", "enabled", true)).send().expect(201);
            Http.post(base + "/admin/realms/smoke/users").bearer(admin).json(Map.of("username", "dora", "enabled", true,
                    "email", "dora@example.test", "firstName", "Dora", "lastName", "Tester",
                    "credentials", List.of(Map.of("type", "password", "value", "dora", "temporary", false)))).send().expect(201);
            String userId = Http.get(base + "/admin/realms/smoke/users?exact=true&username=dora").bearer(admin).send()
                    .expect(200).json().get(0).get("id").asText();
            JsonNode key = Http.post(base + "/admin/realms/smoke/access-keys/users/" + userId + "/keys").bearer(admin)
                    .json(Map.of()).send().expect(201).json();
            String ak = key.get("accessKeyId").asText();

            String whoami = base + "/realms/smoke/access-keys/whoami";
            JsonNode identity = Signers.Aws.of(ak, key.get("secretAccessKey").asText()).get(whoami).send().expect(200).json();
            assertEquals("dora", identity.get("username").asText());
            assertEquals(ak, identity.get("accessKeyId").asText());
            assertEquals("AWS4-HMAC-SHA256", identity.get("scheme").asText());

            Http.Response forged = Signers.Aws.of(ak, "x".repeat(40)).get(whoami).send();
            assertEquals(401, forged.status(), forged.toString());
            assertEquals("SignatureDoesNotMatch", forged.json().get("error").asText());
        }
    }
}
