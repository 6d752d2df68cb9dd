package io.accesskeys.keycloak.it.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Forward authentication through real gateways, each configured from the shipped file under docs/gateways: Debian's
 * nginx ({@code auth_request}) and Caddy ({@code forward_auth}) in front of an upstream of the test's own, which
 * records what it receives. Requests signed by the AWS SDK, the Huawei SDK and curl; tampered, unsigned, wrong-host,
 * disabled-key and temporary-key requests; forged identity headers; a gateway with a wrong credential.
 */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardAuthGatewaysIT {

    private static final String GATEWAY = "api-gateway";
    private static final String GATEWAY_SECRET = "api-gateway-secret-for-tests";

    private TestRealm realm;
    private String aliceId;
    private String ak;
    private String sk;
    private String disabledAk;
    private String disabledSk;
    private JsonNode temporary;
    private Upstream upstream;
    private final Map<Gateway.Kind, Gateway> gateways = new EnumMap<>(Gateway.Kind.class);
    private final Map<Gateway.Kind, Gateway> wrongCredential = new EnumMap<>(Gateway.Kind.class);
    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeAll
    void setUp(TestRealms realms) {
        realm = realms.createWithBroker();
        aliceId = realm.userId("alice");
        AccessKeysClient alice = AccessKeysClient.as(realm, "alice", "alice");
        JsonNode key = alice.createKey();
        ak = key.get("accessKeyId").asText();
        sk = key.get("secretAccessKey").asText();
        JsonNode disabled = alice.createKey();
        disabledAk = disabled.get("accessKeyId").asText();
        disabledSk = disabled.get("secretAccessKey").asText();
        alice.patch(disabledAk, Map.of("status", "INACTIVE")).expect(200);
        String bobToken = realm.brokeredLogin("bob", "bob").accessToken();
        temporary = Http.post(realm.accessKeys("/me/temporary")).bearer(bobToken).json(Map.of()).send().expect(201).json();

        String client = realm.admin().create(realm.adminPath("/clients"), Map.of("clientId", GATEWAY, "publicClient", false,
                "secret", GATEWAY_SECRET, "serviceAccountsEnabled", true, "standardFlowEnabled", false));
        String role = realm.admin().get(realm.adminPath("/roles/access-key-verifier")).expect(200).body();
        String serviceUser = realm.admin().get(realm.adminPath("/clients/" + client + "/service-account-user")).json().get("id").asText();
        realm.admin().post(realm.adminPath("/users/" + serviceUser + "/role-mappings/realm"), "[" + role + "]").expect(204);

        upstream = track(new Upstream());
        String keycloak = realm.server().baseUrl().substring("http://".length());
        for (Gateway.Kind kind : Gateway.Kind.values()) {
            gateways.put(kind, track(Gateway.start(kind, keycloak, realm.name(), basic(GATEWAY, GATEWAY_SECRET), upstream.address())));
            wrongCredential.put(kind, track(Gateway.start(kind, keycloak, realm.name(), basic(GATEWAY, "not-the-secret"),
                    upstream.address())));
        }
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : running) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // the next one still stops
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Gateway.Kind.class)
    void theAwsSdkSignerGetsThroughAndTheUpstreamLearnsWhoSigned(Gateway.Kind kind) {
        String url = gateways.get(kind).url("/api/orders?id=7&sort=asc");
        Http.Response response = Signers.Aws.of(ak, sk).get(url).send();

        assertEquals(200, response.status(), kind + ": " + response + log(kind));
        assertEquals("upstream reached\n", response.body());
        Upstream.Received received = upstream.last();
        assertEquals("GET", received.method());
        java.net.URI sent = java.net.URI.create(Signers.Aws.of(ak, sk).get(url).url()); // the SDK may reorder the query
        assertEquals(sent.getRawPath() + "?" + sent.getRawQuery(), received.uri());
        assertEquals(ak, received.header("X-Access-Key-Id"));
        assertEquals("alice", received.header("X-Access-Key-User"));
        assertEquals(aliceId, received.header("X-Access-Key-User-Id"));
        assertEquals("permanent", received.header("X-Access-Key-Type"));
        assertEquals(realm.name(), received.header("X-Access-Key-Realm"));
        assertEquals("false", received.header("X-Access-Key-Scoped"));
        assertTrue(received.header("X-Access-Key-Roles").contains("offline_access"), received.header("X-Access-Key-Roles"));
        // The gateway sent no body: Keycloak never saw one, so it does not say it verified one.
        assertEquals("unsigned", received.header("X-Access-Key-Payload"));
        assertEquals(sha256(""), received.header("X-Access-Key-Payload-Sha256"), "what the signature binds: no body");
        assertNull(received.header("X-Gateway-Authorization"), "the gateway's credential stays between it and Keycloak");
    }

    @ParameterizedTest
    @EnumSource(Gateway.Kind.class)
    void aBodyHashedInASignedHeaderIsBoundButReportedUnchecked(Gateway.Kind kind) {
        String body = "{\"qty\":3}";
        Signers.Signed signed = Signers.Aws.of(ak, sk).sign("POST", gateways.get(kind).url("/api/orders"), "application/json", body);
        assertEquals(sha256(body), signed.headers().get("x-amz-content-sha256"));

        Http.Response response = signed.send();

        assertEquals(200, response.status(), kind + ": " + response + log(kind));
        Upstream.Received received = upstream.last();
        assertEquals("POST", received.method());
        assertEquals(body, received.body());
        assertEquals("unsigned", received.header("X-Access-Key-Payload"));
        assertEquals(sha256(body), received.header("X-Access-Key-Payload-Sha256"),
                "the hash the signature binds, for the upstream to compare with the body");
    }

    @ParameterizedTest
    @EnumSource(Gateway.Kind.class)
    void theHuaweiSdkSignerGetsThrough(Gateway.Kind kind) {
        Http.Response response = Signers.huawei(ak, sk, null, "GET", gateways.get(kind).url("/api/v1/servers"), null).send();

        assertEquals(200, response.status(), kind + ": " + response + log(kind));
        assertEquals("alice", upstream.last().header("X-Access-Key-User"));
        assertEquals("/api/v1/servers", upstream.last().uri());
    }

    @ParameterizedTest
    @EnumSource(Gateway.Kind.class)
    void aSignedBodyThatNeitherAHeaderNorTheGatewayCarriesIsRefused(Gateway.Kind kind) {
        // The Huawei SDK signs a JSON body's own hash and sends no hash header; auth_request/forward_auth send no body.
        int before = upstream.count();
        Http.Response response = Signers.huawei(ak, sk, null, "POST", gateways.get(kind).url("/api/v1/servers"), "{\"n\":1}").send();

        assertEquals(401, response.status(), kind + ": " + response);
        assertEquals("SignatureDoesNotMatch", response.header("X-Access-Key-Error"));
        assertEquals(before, upstream.count());
    }

    @ParameterizedTest
    @EnumSource(Gateway.Kind.class)
    void curlGetsThroughAndCanBindABodyWithTheHashHeader(Gateway.Kind kind) {
        Curl get = curl(gateways.get(kind).url("/api/items"), null, List.of());
        assertEquals(200, get.status(), kind + ": " + get + log(kind));
        assertEquals("alice", upstream.last().header("X-Access-Key-User"));

        String body = "name=widget&count=2";
        Curl post = curl(gateways.get(kind).url("/api/items"), body, List.of("x-amz-content-sha256: " + sha256(body),
                "Content-Type: application/x-www-form-urlencoded"));
        assertEquals(200, post.status(), kind + ": " + post + log(kind));
        assertEquals(body, upstream.last().body());
        assertEquals(sha256(body), upstream.last().header("X-Access-Key-Payload-Sha256"));
    }

    @ParameterizedTest
    @EnumSource(Gateway.Kind.class)
    void refusedRequestsNeverReachTheUpstream(Gateway.Kind kind) {
        Gateway gateway = gateways.get(kind);
        int before = upstream.count();

        Signers.Signed signed = Signers.Aws.of(ak, sk).get(gateway.url("/api/orders/1"));
        Signers.Signed tampered = new Signers.Signed("GET", gateway.url("/api/orders/2"), signed.headers(), null);
        assertRefused(kind, tampered.send(), "SignatureDoesNotMatch");

        assertRefused(kind, Http.get(gateway.url("/api/orders/1")).send(), "MissingAuthenticationToken");

        // Signed for localhost:port, sent to 127.0.0.1:port: the host the client addressed is not the one signed.
        Signers.Signed forLocalhost = Signers.Aws.of(ak, sk).get("http://localhost:" + gateway.port() + "/api/orders/1");
        assertRefused(kind, new Signers.Signed("GET", gateway.url("/api/orders/1"), forLocalhost.headers(), null).send(),
                "SignatureDoesNotMatch");

        assertRefused(kind, Signers.Aws.of(disabledAk, disabledSk).get(gateway.url("/api/orders/1")).send(), "AccessKeyInactive");
        assertRefused(kind, Signers.Aws.of(ak, sk + "x").get(gateway.url("/api/orders/1")).send(), "SignatureDoesNotMatch");

        String temporaryAk = temporary.get("accessKeyId").asText();
        String temporarySk = temporary.get("secretAccessKey").asText();
        assertRefused(kind, Signers.Aws.of(temporaryAk, temporarySk).get(gateway.url("/api/orders/1")).send(), "InvalidToken");

        assertEquals(before, upstream.count(), "no refused request reached the upstream");
    }

    @ParameterizedTest
    @EnumSource(Gateway.Kind.class)
    void aTemporaryKeyGetsThroughAsTemporary(Gateway.Kind kind) {
        Http.Response response = Signers.Aws.of(temporary.get("accessKeyId").asText(), temporary.get("secretAccessKey").asText())
                .token(temporary.get("securityToken").asText()).get(gateways.get(kind).url("/api/profile")).send();

        assertEquals(200, response.status(), kind + ": " + response + log(kind));
        assertEquals("bob", upstream.last().header("X-Access-Key-User"));
        assertEquals("temporary", upstream.last().header("X-Access-Key-Type"));
        assertEquals(temporary.get("accessKeyId").asText(), upstream.last().header("X-Access-Key-Id"));
    }

    @ParameterizedTest
    @EnumSource(Gateway.Kind.class)
    void identityHeadersFromTheClientAreNotPassedOn(Gateway.Kind kind) {
        Http.Response response = Signers.Aws.of(ak, sk).get(gateways.get(kind).url("/api/me"))
                .withHeader("X-Access-Key-User", "admin").withHeader("X-Access-Key-Payload-Sha256", sha256("forged"))
                .withHeader("X-Access-Key-Realm", "master").withHeader("X-Access-Key-Roles", "admin")
                .withHeader("X-Access-Key-Scoped", "forged").send();

        assertEquals(200, response.status(), kind + ": " + response + log(kind));
        assertEquals("alice", upstream.last().header("X-Access-Key-User"));
        assertFalse(upstream.last().header("X-Access-Key-Roles").contains("admin"), upstream.last().header("X-Access-Key-Roles"));
        assertEquals("false", upstream.last().header("X-Access-Key-Scoped"));
        assertEquals(realm.name(), upstream.last().header("X-Access-Key-Realm"));
        assertEquals(sha256(""), upstream.last().header("X-Access-Key-Payload-Sha256"));
    }

    @ParameterizedTest
    @EnumSource(Gateway.Kind.class)
    void aGatewayWithAWrongCredentialIsNotAllowed(Gateway.Kind kind) {
        int before = upstream.count();
        Http.Response response = Signers.Aws.of(ak, sk).get(wrongCredential.get(kind).url("/api/orders")).send();

        assertEquals(403, response.status(), kind + ": " + response);
        assertNull(response.header("X-Access-Key-Error"), "the client's signature was never looked at");
        assertEquals(before, upstream.count());
    }

    @ParameterizedTest
    @EnumSource(value = Gateway.Kind.class, names = "CADDY")
    void theGatewaysCredentialNeverShowsInWhatTheClientSees(Gateway.Kind kind) {
        // Caddy hands Keycloak's refusal, body included, to the client: a client that names the gateway's header
        // among its signed headers must not see the credential in the server's canonical request.
        Signers.Signed signed = Signers.Aws.of(ak, sk).get(gateways.get(kind).url("/api/x"));
        String authorization = signed.headers().get("Authorization")
                .replaceFirst("SignedHeaders=([^,]*)", "SignedHeaders=$1;x-gateway-authorization");
        Http.Response response = signed.withHeader("Authorization", authorization)
                .withHeader("X-Gateway-Authorization", "mine").send();

        assertEquals(401, response.status(), response.toString());
        assertFalse(response.body().contains(basic(GATEWAY, GATEWAY_SECRET)), response.body());
        assertFalse(response.body().contains(GATEWAY_SECRET), response.body());
    }

    @ParameterizedTest
    @EnumSource(value = Gateway.Kind.class, names = "CADDY")
    void caddyPassesTheJsonErrorOn(Gateway.Kind kind) {
        Http.Response response = Http.get(gateways.get(kind).url("/api/x")).send();
        assertEquals(401, response.status());
        assertEquals("MissingAuthenticationToken", response.json().get("error").asText());
        assertFalse(response.json().get("error_description").asText().isBlank());
    }

    @org.junit.jupiter.api.Test
    void theEndpointTakesAnyMethodAndABearerCredential() {
        Signers.Signed signed = Signers.Aws.of(ak, sk).get("http://api.example.com/orders?id=1");
        String basic = "Basic " + basic(GATEWAY, GATEWAY_SECRET);
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            Http.Response response = forwardAuth(method, signed, basic, "/orders?id=1");
            assertEquals(200, response.status(), method + ": " + response);
            assertEquals("alice", response.header("X-Access-Key-User"), method);
        }
        // A preflight-looking call is a request like any other: unsigned, it is refused.
        Http.Response options = forwardAuth("OPTIONS", new Signers.Signed("OPTIONS", "", Map.of(), null), basic, "/orders");
        assertEquals(401, options.status(), options.toString());
        assertEquals("MissingAuthenticationToken", options.header("X-Access-Key-Error"));

        String token = Http.post(realm.url("/protocol/openid-connect/token"))
                .form(Map.of("grant_type", "client_credentials", "client_id", GATEWAY, "client_secret", GATEWAY_SECRET))
                .send().expect(200).json().get("access_token").asText();
        assertEquals(200, forwardAuth("GET", signed, "Bearer " + token, "/orders?id=1").status());
        assertEquals(403, forwardAuth("GET", signed, "Bearer " + token + "x", "/orders?id=1").status());
        assertEquals(403, forwardAuth("GET", signed, "Basic " + basic(GATEWAY, GATEWAY_SECRET + "x"), "/orders?id=1").status());
        assertEquals(403, forwardAuth("GET", signed, "Basic " + basic("test-client", ""), "/orders?id=1").status());
        assertEquals(403, forwardAuth("GET", signed, null, "/orders?id=1").status());
        assertEquals(400, forwardAuth("GET", signed, basic, null).status(), "a gateway that forwards no URI is misconfigured");
    }

    private Http.Response forwardAuth(String method, Signers.Signed signed, String gatewayCredential, String uri) {
        Http http = Http.method(method, realm.accessKeys("/forward-auth"));
        signed.headers().forEach(http::header);
        http.header("X-Forwarded-Method", "GET").header("X-Forwarded-Host", "api.example.com");
        if (uri != null) {
            http.header("X-Forwarded-Uri", uri);
        }
        if (gatewayCredential != null) {
            http.header("X-Gateway-Authorization", gatewayCredential);
        }
        return http.send();
    }

    private void assertRefused(Gateway.Kind kind, Http.Response response, String code) {
        assertEquals(401, response.status(), kind + " " + code + ": " + response + log(kind));
        assertEquals(code, response.header("X-Access-Key-Error"), kind + ": " + response);
        assertEquals(code, response.json().get("error").asText(), kind + ": " + response);
    }

    private String log(Gateway.Kind kind) {
        return "\n" + kind + " log:\n" + gateways.get(kind).log();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        running.add(closeable);
        return closeable;
    }

    static String basic(String clientId, String secret) {
        return Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Curl(int status, String output) {
    }

    private Curl curl(String url, String body, List<String> headers) {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-w", "\n%{http_code}", "--aws-sigv4",
                "aws:amz:" + Signers.REGION + ":" + Signers.SERVICE, "--user", ak + ":" + sk));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        if (body != null) {
            command.add("--data-binary");
            command.add(body);
        }
        command.add(url);
        try {
            Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, curl.waitFor(), output);
            int split = output.lastIndexOf('\n');
            return new Curl(Integer.parseInt(output.substring(split + 1).trim()), output.substring(0, split));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
