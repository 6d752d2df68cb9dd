package io.accesskeys.keycloak.it.signed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.ContractErrors;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The signature covers the exact form bytes a client sent, in any parameter order and any encoding clients use:
 * every order of four parameters (client_secret in the body, as confidential clients send it), three encodings,
 * three independent signers (AWS SDK, Huawei SDK, curl), at the token endpoint (the grant) and at whoami.
 */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedFormBodiesIT {

    private static final String GRANT = "urn:access-keys:params:oauth:grant-type:signed-request";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CLIENT = "form-client";
    private static final String CLIENT_SECRET = "form-client-secret/with+symbols=";

    /** How clients write a form field: URLEncoder/Python/Go (space as +), RFC 3986 (%20), and typed as in curl -d. */
    private static final Map<String, Function<String, String>> ENCODINGS = Map.of(
            "html-form", text -> URLEncoder.encode(text, StandardCharsets.UTF_8),
            "rfc3986", text -> URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"),
            "as-typed", text -> text.replace("%", "%25").replace("+", "%2B").replace("=", "%3D").replace(" ", "+")
                    .replace("&", "%26").replace("/", "/"));

    private TestRealm realm;
    private String ak;
    private String sk;

    @BeforeAll
    void setUp(TestRealms realms) {
        realm = realms.create();
        JsonNode key = AccessKeysClient.as(realm, "alice", "alice").createKey();
        ak = key.get("accessKeyId").asText();
        sk = key.get("secretAccessKey").asText();
        realm.admin().create(realm.adminPath("/clients"), Map.of("clientId", CLIENT, "publicClient", false,
                "secret", CLIENT_SECRET, "standardFlowEnabled", false,
                "attributes", Map.of("access-keys.signed-request-grant.enabled", "true")));
    }

    @Test
    void theGrantVerifiesEveryOrderAndEncodingWithTheAwsSdkSigner() {
        forEachBody(body -> Signers.Aws.of(ak, sk).sign("POST", tokenUrl(), FORM, body).send(), this::assertTokens);
    }

    @Test
    void theGrantVerifiesEveryOrderAndEncodingWithTheHuaweiSdkSigner() {
        forEachBody(body -> Signers.huawei(ak, sk, null, "POST", tokenUrl(), FORM, body).send(), this::assertTokens);
    }

    @Test
    void theGrantVerifiesEveryOrderAndEncodingWithCurl() {
        forEachBody(body -> curl(tokenUrl(), body), this::assertTokens);
    }

    @Test
    void whoamiVerifiesEveryOrderAndEncodingWithEverySigner() {
        String whoami = realm.accessKeys("/whoami");
        forEachBody(body -> Signers.Aws.of(ak, sk).sign("POST", whoami, FORM, body).send(), this::assertAlice);
        forEachBody(body -> Signers.huawei(ak, sk, null, "POST", whoami, FORM, body).send(), this::assertAlice);
        forEachBody(body -> curl(whoami, body), this::assertAlice);
    }

    @Test
    void bytesChangedAfterSigningAreRefused() {
        List<String> fields = List.of("grant_type=" + GRANT, "client_id=" + CLIENT,
                "client_secret=" + URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8));
        String signedBody = String.join("&", fields);
        String reordered = fields.get(1) + "&" + fields.get(0) + "&" + fields.get(2);
        String reencoded = signedBody.replace(":", "%3A");

        for (String sent : List.of(reordered, reencoded)) {
            Http.Response aws = Signers.Aws.of(ak, sk).sign("POST", tokenUrl(), FORM, signedBody).withBody(sent).send();
            assertEquals(400, aws.status(), aws.toString());
            assertTrue(aws.json().get("error_description").asText().startsWith("SignatureDoesNotMatch"), aws.toString());
            Http.Response huawei = Signers.huawei(ak, sk, null, "POST", realm.accessKeys("/whoami"), FORM, signedBody)
                    .withBody(sent).send();
            ContractErrors.assertCode(huawei, 401, "SignatureDoesNotMatch");
        }
    }

    /** Sends every order of the four token parameters in every encoding; checks each answer. */
    private void forEachBody(Function<String, Http.Response> send, java.util.function.BiConsumer<String, Http.Response> check) {
        List<String[]> parameters = List.of(new String[] {"grant_type", GRANT}, new String[] {"client_id", CLIENT},
                new String[] {"client_secret", CLIENT_SECRET}, new String[] {"scope", "openid profile"});
        int sent = 0;
        for (List<String[]> order : permutations(parameters)) {
            for (var encoding : ENCODINGS.entrySet()) {
                String body = order.stream()
                        .map(p -> encoding.getValue().apply(p[0]) + "=" + encoding.getValue().apply(p[1]))
                        .collect(Collectors.joining("&"));
                check.accept(encoding.getKey() + ": " + body, send.apply(body));
                sent++;
            }
        }
        assertEquals(24 * ENCODINGS.size(), sent);
    }

    private void assertTokens(String body, Http.Response response) {
        assertEquals(200, response.status(), body + " -> " + response);
        assertTrue(response.json().hasNonNull("access_token"), body + " -> " + response);
    }

    private void assertAlice(String body, Http.Response response) {
        assertEquals(200, response.status(), body + " -> " + response);
        assertEquals("alice", response.json().get("username").asText(), body);
    }

    private Http.Response curl(String url, String body) {
        try {
            Process curl = new ProcessBuilder("curl", "-s", "-w", "\n%{http_code}", "--aws-sigv4",
                    "aws:amz:" + Signers.REGION + ":" + Signers.SERVICE, "--user", ak + ":" + sk,
                    "--data-binary", body, "-H", "Content-Type: " + FORM, url).redirectErrorStream(true).start();
            String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, curl.waitFor(), output);
            int split = output.lastIndexOf('\n');
            return new Http.Response(Integer.parseInt(output.substring(split + 1).trim()), Map.of(),
                    output.substring(0, split));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String tokenUrl() {
        return realm.url("/protocol/openid-connect/token");
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
