package io.accesskeys.keycloak.it.signed;

import static io.accesskeys.keycloak.it.support.ContractErrors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An API gateway verifying requests through /verify, and the signed-request token grant. */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayVerifyAndGrantIT {

    private static final String GRANT = "urn:access-keys:params:oauth:grant-type:signed-request";

    private TestRealm realm;
    private String ak;
    private String sk;
    private String gatewayToken;
    private String plainServiceToken;

    @BeforeAll
    void setUp(TestRealms realms) {
        realm = realms.create();
        JsonNode key = AccessKeysClient.as(realm, "alice", "alice").createKey();
        ak = key.get("accessKeyId").asText();
        sk = key.get("secretAccessKey").asText();

        String gateway = serviceClient("gateway");
        String roleJson = realm.admin().get(realm.adminPath("/roles/access-key-verifier")).expect(200).body();
        String serviceUser = realm.admin().get(realm.adminPath("/clients/" + gateway + "/service-account-user")).json().get("id").asText();
        realm.admin().post(realm.adminPath("/users/" + serviceUser + "/role-mappings/realm"), "[" + roleJson + "]").expect(204);
        gatewayToken = clientCredentials("gateway");
        serviceClient("other-service");
        plainServiceToken = clientCredentials("other-service");

        createClient("grant-client", Map.of("access-keys.signed-request-grant.enabled", "true"));
        createClient("plain-client", Map.of());
    }

    @Test
    void aValidRequestIsIdentified() {
        Signers.Signed signed = Signers.Aws.of(ak, sk).sign("POST", "https://api.example.com/orders?id=7", "application/json", "{\"qty\":1}");

        JsonNode answer = verify(signed, "https://api.example.com/orders?id=7", sha256("{\"qty\":1}")).expect(200).json();

        assertTrue(answer.get("valid").asBoolean(), answer.toString());
        assertEquals("alice", answer.get("username").asText());
        assertEquals(ak, answer.get("accessKeyId").asText());
        assertEquals("permanent", answer.get("keyType").asText());
        assertEquals("AWS4-HMAC-SHA256", answer.get("scheme").asText());
    }

    @Test
    void aValidAnswerSaysWhatTheSignatureCovered() {
        Signers.Signed signed = Signers.Aws.of(ak, sk).sign("POST", "https://api.example.com/orders", "application/json", "{}");

        JsonNode answer = verify(signed, "https://api.example.com/orders", sha256("{}")).expect(200).json();

        assertTrue(answer.get("valid").asBoolean(), answer.toString());
        assertEquals("api.example.com", answer.get("host").asText());
        assertTrue(answer.get("payloadSigned").asBoolean());
        List<String> signedHeaders = new java.util.ArrayList<>();
        answer.get("signedHeaders").forEach(h -> signedHeaders.add(h.asText()));
        assertTrue(signedHeaders.containsAll(List.of("host", "x-amz-date", "x-amz-content-sha256")), signedHeaders.toString());

        Signers.Signed unsignedBody = Signers.Aws.of(ak, sk).withoutPayloadSigning()
                .sign("PUT", "https://api.example.com/files/a", "application/octet-stream", "anything");
        assertEquals("UNSIGNED-PAYLOAD", unsignedBody.headers().get("x-amz-content-sha256"));
        JsonNode unsigned = verify(unsignedBody, "https://api.example.com/files/a", null).expect(200).json();
        assertTrue(unsigned.get("valid").asBoolean(), unsigned.toString());
        assertFalse(unsigned.get("payloadSigned").asBoolean(), "never pretend a body was verified");
    }

    @Test
    void controlCharactersInHandedOverHeadersAreMalformed() {
        Signers.Signed signed = Signers.Aws.of(ak, sk).sign("GET", "https://api.example.com/", null, null);
        List<Map.Entry<String, String>> forged = List.of(
                Map.entry("X-Injected", "a\r\nHost: evil.example"),
                Map.entry("X-Nul", "a\u0000b"),
                Map.entry("Bad Name", "x"),
                Map.entry("X-Line\nBreak", "x"));
        for (Map.Entry<String, String> header : forged) {
            Map<String, Object> all = lists(signed.headers());
            all.put(header.getKey(), List.of(header.getValue()));
            Map<String, Object> body = Map.of("method", "GET", "uri", "https://api.example.com/", "headers", all);
            assertCode(Http.post(realm.accessKeys("/verify")).bearer(gatewayToken).json(body).send(), 400, "MalformedInput");
        }
        for (String uri : List.of("https://api.example.com/a\r\nb", "/a\u0007b")) {
            Map<String, Object> body = Map.of("method", "GET", "uri", uri, "headers", lists(signed.headers()));
            assertCode(Http.post(realm.accessKeys("/verify")).bearer(gatewayToken).json(body).send(), 400, "MalformedInput");
        }
    }

    @Test
    void theVerifierRoleIsReadFromTheCallersToken() {
        // A gateway client whose service account holds the role, but whose tokens do not carry it (no full scope).
        String narrowed = serviceClient("narrowed-gateway");
        String roleJson = realm.admin().get(realm.adminPath("/roles/access-key-verifier")).expect(200).body();
        String serviceUser = realm.admin().get(realm.adminPath("/clients/" + narrowed + "/service-account-user")).json().get("id").asText();
        realm.admin().post(realm.adminPath("/users/" + serviceUser + "/role-mappings/realm"), "[" + roleJson + "]").expect(204);
        JsonNode client = realm.admin().get(realm.adminPath("/clients/" + narrowed)).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) client).put("fullScopeAllowed", false);
        realm.admin().put(realm.adminPath("/clients/" + narrowed), client).expect(204);
        Signers.Signed signed = Signers.Aws.of(ak, sk).sign("GET", "https://api.example.com/", null, null);
        Map<String, Object> body = Map.of("method", "GET", "uri", "https://api.example.com/", "headers", lists(signed.headers()));

        assertCode(Http.post(realm.accessKeys("/verify")).bearer(clientCredentials("narrowed-gateway")).json(body).send(),
                403, "AccessDenied");
    }

    /** The gateway's token is checked without Keycloak's session lookup: what revokes it must still revoke it. */
    @Test
    void aGatewayTokenStopsWorkingWhenItsRoleClientOrUserIsRevoked(io.accesskeys.keycloak.it.support.TestRealms realms)
            throws InterruptedException {
        Signers.Signed signed = Signers.Aws.of(ak, sk).sign("GET", "https://api.example.com/", null, null);
        Map<String, Object> body = Map.of("method", "GET", "uri", "https://api.example.com/", "headers", lists(signed.headers()));
        String roleJson = realm.admin().get(realm.adminPath("/roles/access-key-verifier")).expect(200).body();
        String client = serviceClient("revoked-gateway");
        String serviceUser = realm.admin().get(realm.adminPath("/clients/" + client + "/service-account-user")).json().get("id").asText();
        String roleMappings = realm.adminPath("/users/" + serviceUser + "/role-mappings/realm");
        realm.admin().post(roleMappings, "[" + roleJson + "]").expect(204);
        String token = clientCredentials("revoked-gateway");
        assertTrue(Http.post(realm.accessKeys("/verify")).bearer(token).json(body).send().expect(200).json().get("valid").asBoolean());

        Http.Response withoutRole = Http.method("DELETE", realm.admin().url(roleMappings)).bearer(realm.admin().token())
                .json("[" + roleJson + "]").send();
        assertEquals(204, withoutRole.status(), withoutRole.toString());
        assertCode(Http.post(realm.accessKeys("/verify")).bearer(token).json(body).send(), 403, "AccessDenied");

        realm.admin().post(roleMappings, "[" + roleJson + "]").expect(204);
        String second = clientCredentials("revoked-gateway");
        assertEquals(200, Http.post(realm.accessKeys("/verify")).bearer(second).json(body).send().status());
        Thread.sleep(1100); // not-before is in whole seconds and refuses tokens issued before it
        realm.admin().post(realm.adminPath("/users/" + serviceUser + "/logout"), Map.of()).expect(204);
        assertCode(Http.post(realm.accessKeys("/verify")).bearer(second).json(body).send(), 401, "invalid_token");

        String third = clientCredentials("revoked-gateway");
        assertEquals(200, Http.post(realm.accessKeys("/verify")).bearer(third).json(body).send().status());
        JsonNode representation = realm.admin().get(realm.adminPath("/clients/" + client)).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) representation).put("enabled", false);
        realm.admin().put(realm.adminPath("/clients/" + client), representation).expect(204);
        assertCode(Http.post(realm.accessKeys("/verify")).bearer(third).json(body).send(), 401, "invalid_token");

        String tampered = gatewayToken.substring(0, gatewayToken.length() - 2)
                + (gatewayToken.endsWith("AA") ? "BB" : "AA");
        assertCode(Http.post(realm.accessKeys("/verify")).bearer(tampered).json(body).send(), 401, "invalid_token");
        TestRealm other = realms.create();
        String foreign = Http.post(other.url("/protocol/openid-connect/token")).form(Map.of("grant_type", "password",
                "client_id", "test-client", "username", "alice", "password", "alice")).send().expect(200).json()
                .get("access_token").asText();
        assertCode(Http.post(realm.accessKeys("/verify")).bearer(foreign).json(body).send(), 401, "invalid_token");
        assertCode(Http.post(realm.accessKeys("/verify")).header("Authorization", "Basic Z2F0ZXdheTpnYXRld2F5LXNlY3JldC1mb3ItdGVzdHM=")
                .json(body).send(), 401, "invalid_token");
    }

    @Test
    void aRequestNeverCreatesTheVerifierRole(io.accesskeys.keycloak.it.support.TestRealms realms) {
        TestRealm fresh = realms.create();
        fresh.admin().delete(fresh.adminPath("/roles/access-key-verifier")).expect(204);
        Signers.Signed signed = Signers.Aws.of(ak, sk).sign("GET", "https://api.example.com/", null, null);
        String token = Http.post(fresh.url("/protocol/openid-connect/token")).form(Map.of("grant_type", "password",
                "client_id", "test-client", "username", "alice", "password", "alice")).send().expect(200).json()
                .get("access_token").asText();

        assertCode(Http.post(fresh.accessKeys("/verify")).bearer(token)
                .json(Map.of("method", "GET", "uri", "/", "headers", lists(signed.headers()))).send(), 403, "AccessDenied");
        assertEquals(404, fresh.admin().get(fresh.adminPath("/roles/access-key-verifier")).status());
    }

    @Test
    void anAlteredRequestIsInvalid() {
        Signers.Signed signed = Signers.Aws.of(ak, sk).sign("GET", "https://api.example.com/orders?id=7", null, null);

        JsonNode answer = verify(signed, "https://api.example.com/orders?id=8", null).expect(200).json();

        assertFalse(answer.get("valid").asBoolean());
        assertEquals("SignatureDoesNotMatch", answer.get("error").asText());
        assertTrue(answer.get("canonicalRequest").asText().contains("id=8"));
        JsonNode wrongBody = verify(Signers.Aws.of(ak, sk).sign("POST", "https://api.example.com/x", "application/json", "{}"),
                "https://api.example.com/x", sha256("{\"changed\":true}")).expect(200).json();
        assertEquals("SignatureDoesNotMatch", wrongBody.get("error").asText());
    }

    @Test
    void onlyCallersWithTheVerifierRole() {
        Signers.Signed signed = Signers.Aws.of(ak, sk).sign("GET", "https://api.example.com/", null, null);
        Map<String, Object> body = Map.of("method", "GET", "uri", "https://api.example.com/", "headers", lists(signed.headers()));

        assertCode(Http.post(realm.accessKeys("/verify")).bearer(plainServiceToken).json(body).send(), 403, "AccessDenied");
        assertCode(Http.post(realm.accessKeys("/verify")).json(body).send(), 401, "invalid_token");
        assertCode(Http.post(realm.accessKeys("/verify")).bearer(gatewayToken).json(Map.of("uri", "/")).send(), 400, "ValidationError");
    }

    @Test
    void theGrantExchangesASignedTokenRequestForATokenOfTheKeysUser() {
        String body = "grant_type=" + GRANT.replace(":", "%3A") + "&client_id=grant-client";
        Signers.Signed signed = Signers.Aws.of(ak, sk).sign("POST", realm.url("/protocol/openid-connect/token"),
                "application/x-www-form-urlencoded", body);

        Http.Response response = signed.send();

        assertEquals(200, response.status(), response.body());
        JsonNode tokens = response.json();
        assertFalse(tokens.has("refresh_token") && !tokens.get("refresh_token").isNull(), "no refresh token");
        assertEquals("Bearer", tokens.get("token_type").asText());
        String payload = new String(java.util.Base64.getUrlDecoder().decode(tokens.get("access_token").asText().split("\\.")[1]),
                StandardCharsets.UTF_8);
        JsonNode claims = readTree(payload);
        assertEquals(realm.userId("alice"), claims.get("sub").asText());
        assertEquals("grant-client", claims.get("azp").asText());
        assertEquals(ak, claims.get("access_key_id").asText());
        // a key never mints another key: the self-service API refuses the grant's tokens
        assertCode(Http.get(realm.accessKeys("/me")).bearer(tokens.get("access_token").asText()).send(), 403, "AccessDenied");
    }

    @Test
    void theGrantWorksWithCurlAndARawBody() throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-s", "--aws-sigv4", "aws:amz:us-east-1:access-keys", "--user", ak + ":" + sk,
                "-d", "grant_type=" + GRANT + "&client_id=grant-client", realm.url("/protocol/openid-connect/token"))
                .redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor());

        assertTrue(readTree(output).has("access_token"), output);
    }

    @Test
    void theGrantRefusesClientsThatDidNotOptInAndUnsignedRequests() {
        String body = "grant_type=" + GRANT.replace(":", "%3A") + "&client_id=plain-client";
        Http.Response notOptedIn = Signers.Aws.of(ak, sk).sign("POST", realm.url("/protocol/openid-connect/token"),
                "application/x-www-form-urlencoded", body).send();
        assertEquals(400, notOptedIn.status());
        assertEquals("unauthorized_client", notOptedIn.json().get("error").asText());

        Http.Response unsigned = Http.post(realm.url("/protocol/openid-connect/token"))
                .form(Map.of("grant_type", GRANT, "client_id", "grant-client")).send();
        assertEquals(400, unsigned.status());
        assertEquals("invalid_grant", unsigned.json().get("error").asText());
        assertTrue(unsigned.json().get("error_description").asText().startsWith("MissingAuthenticationToken"));

        String wrongSecret = Signers.wrongSecret(sk);
        Http.Response forged = Signers.Aws.of(ak, wrongSecret).sign("POST", realm.url("/protocol/openid-connect/token"),
                "application/x-www-form-urlencoded", "grant_type=" + GRANT.replace(":", "%3A") + "&client_id=grant-client").send();
        assertEquals(400, forged.status());
        assertTrue(forged.json().get("error_description").asText().startsWith("SignatureDoesNotMatch"));
    }

    @Test
    void anAccessKeyNeverLogsAnyoneInThroughALoginForm() {
        Http.Response response = Http.post(realm.url("/protocol/openid-connect/token"))
                .form(Map.of("grant_type", "password", "client_id", "test-client", "username", "alice", "password", sk)).send();
        assertTrue(response.status() == 400 || response.status() == 401, response.toString());
        assertEquals("invalid_grant", response.json().get("error").asText());
        assertFalse(response.json().has("access_token"));
    }

    private Http.Response verify(Signers.Signed signed, String uri, String bodySha256) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("method", signed.method());
        body.put("uri", uri);
        Map<String, Object> headers = lists(signed.headers());
        headers.put("Host", List.of("api.example.com"));
        body.put("headers", headers);
        if (bodySha256 != null) {
            body.put("bodySha256", bodySha256);
        }
        return Http.post(realm.accessKeys("/verify")).bearer(gatewayToken).json(body).send();
    }

    private static Map<String, Object> lists(Map<String, String> headers) {
        Map<String, Object> lists = new java.util.LinkedHashMap<>();
        headers.forEach((name, value) -> lists.put(name, List.of(value)));
        return lists;
    }

    private String serviceClient(String clientId) {
        return realm.admin().create(realm.adminPath("/clients"), Map.of("clientId", clientId, "publicClient", false,
                "secret", clientId + "-secret-for-tests", "serviceAccountsEnabled", true, "standardFlowEnabled", false));
    }

    private void createClient(String clientId, Map<String, String> attributes) {
        realm.admin().create(realm.adminPath("/clients"), Map.of("clientId", clientId, "publicClient", true,
                "standardFlowEnabled", false, "attributes", attributes));
    }

    private String clientCredentials(String clientId) {
        return Http.post(realm.url("/protocol/openid-connect/token"))
                .form(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientId + "-secret-for-tests"))
                .send().expect(200).json().get("access_token").asText();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }
}
