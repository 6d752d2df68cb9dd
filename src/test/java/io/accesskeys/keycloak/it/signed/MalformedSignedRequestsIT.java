package io.accesskeys.keycloak.it.signed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.RawHttp;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Broken, odd and hostile requests to whoami: each is a 4xx with one of the contract's codes, never a 5xx. */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedSignedRequestsIT {

    private static final Set<String> CONTRACT_CODES = Set.of("MissingAuthenticationToken", "IncompleteSignature",
            "InvalidAccessKeyId", "AccessKeyInactive", "SignatureDoesNotMatch", "RequestTimeTooSkewed", "InvalidToken",
            "ExpiredToken", "AccessDenied", "MalformedInput");
    private static final DateTimeFormatter AMZ = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private TestRealm realm;
    private KeycloakServer server;
    private String ak;

    /** One malformed request and the code it must get (null: any contract code). */
    record Case(String name, String query, Map<String, String> headers, String expectedCode) {
    }

    @BeforeAll
    void setUp(TestRealms realms, KeycloakServer keycloak) {
        realm = realms.create();
        server = keycloak;
        JsonNode key = AccessKeysClient.as(realm, "alice", "alice").createKey();
        ak = key.get("accessKeyId").asText();
    }

    @Test
    void everyMalformedRequestGetsAContractCode() {
        String now = AMZ.format(Instant.now());
        String day = now.substring(0, 8);
        String credential = ak + "/" + day + "/us-east-1/access-keys/aws4_request";
        String sig = "a".repeat(64);
        String good = "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=host;x-amz-date, Signature=" + sig;

        List<Case> cases = new ArrayList<>(List.of(
                header("empty Authorization", "", now, "MissingAuthenticationToken"),
                header("bearer scheme", "Bearer abc.def", now, "MissingAuthenticationToken"),
                header("scheme only", "AWS4-HMAC-SHA256", now, "IncompleteSignature"),
                header("empty credential", "AWS4-HMAC-SHA256 Credential=, SignedHeaders=host, Signature=" + sig, now, "IncompleteSignature"),
                header("credential without scope", good.replace(credential, ak), now, "IncompleteSignature"),
                header("credential with four parts", good.replace(credential, ak + "/" + day + "/us-east-1/aws4_request"), now, "IncompleteSignature"),
                header("wrong terminator", good.replace("aws4_request", "aws5_request"), now, "IncompleteSignature"),
                header("no SignedHeaders", "AWS4-HMAC-SHA256 Credential=" + credential + ", Signature=" + sig, now, "IncompleteSignature"),
                header("no Signature", "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=host;x-amz-date", now, "IncompleteSignature"),
                header("signature not hex", good.replace(sig, "z".repeat(64)), now, "IncompleteSignature"),
                header("signature too short", good.replace(sig, "ab"), now, "IncompleteSignature"),
                header("signature upper case", good.replace(sig, "A".repeat(64)), now, "IncompleteSignature"),
                header("duplicated credential", good + ", Credential=" + credential, now, "IncompleteSignature"),
                header("unsorted signed headers", good.replace("host;x-amz-date", "x-amz-date;host"), now, "IncompleteSignature"),
                header("absent signed header", good.replace("host;x-amz-date", "host;x-absent;x-amz-date"), now, "IncompleteSignature"),
                header("host not signed", good.replace("host;x-amz-date", "x-amz-date"), now, "IncompleteSignature"),
                header("upper-case signed header", good.replace("host;x-amz-date", "Host;x-amz-date"), now, "IncompleteSignature"),
                header("date with dashes", good, "2026-11-22T10:00:00Z", "IncompleteSignature"),
                header("no date", good, null, "IncompleteSignature"),
                header("date year 9999", good, "99991231T000000Z", null),
                header("scope date differs", good.replace("/" + day + "/", "/20200101/"), now, "IncompleteSignature"),
                header("empty region", good.replace("/us-east-1/", "//"), now, "IncompleteSignature"),
                header("AK with symbols", good.replace(ak + "/", "AK!D/"), now, "IncompleteSignature"),
                header("AK of 300 characters", good.replace(ak + "/", "A".repeat(300) + "/"), now, "IncompleteSignature"),
                header("Authorization of 10 KiB", good + ", X=" + "y".repeat(10_240), now, "IncompleteSignature"),
                header("lower-case scheme", good.toLowerCase(), now, null),
                header("unknown key, well formed", good.replace(ak, "KCAKAAAAAAAAAAAAAAAA"), now, "InvalidAccessKeyId"),
                header("right key, wrong signature", good, now, "SignatureDoesNotMatch"),
                header("SDK scheme without Access", "SDK-HMAC-SHA256 SignedHeaders=x-sdk-date, Signature=" + sig, now, "IncompleteSignature"),
                sdk("SDK without X-Sdk-Date", "SDK-HMAC-SHA256 Access=" + ak + ", SignedHeaders=host, Signature=" + sig, null, "IncompleteSignature"),
                sdk("SDK date not signed", "SDK-HMAC-SHA256 Access=" + ak + ", SignedHeaders=host, Signature=" + sig, now, "IncompleteSignature"),
                sdk("SDK bad date", "SDK-HMAC-SHA256 Access=" + ak + ", SignedHeaders=x-sdk-date, Signature=" + sig, "yesterday", "IncompleteSignature"),
                query("presigned, algorithm only", "X-Amz-Algorithm=AWS4-HMAC-SHA256", "IncompleteSignature"),
                query("presigned, expires 0", presigned(credential, now, "0", sig), "IncompleteSignature"),
                query("presigned, expires 604801", presigned(credential, now, "604801", sig), "IncompleteSignature"),
                query("presigned, expires not a number", presigned(credential, now, "soon", sig), "IncompleteSignature"),
                query("presigned, two signatures", presigned(credential, now, "60", sig) + "&X-Amz-Signature=" + sig, "IncompleteSignature"),
                query("presigned, other algorithm", presigned(credential, now, "60", sig).replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1"), null),
                new Case("huge query", "x=" + "q".repeat(17_000), Map.of("Authorization", good, "X-Amz-Date", now), null),
                new Case("security token of 9 KiB", null, Map.of("Authorization", good, "X-Amz-Date", now, "X-Amz-Security-Token", "t".repeat(9_216)), null),
                new Case("content hash not hex", null, Map.of("Authorization", good.replace("host;x-amz-date", "host;x-amz-content-sha256;x-amz-date"),
                        "X-Amz-Date", now, "x-amz-content-sha256", "nothex"), "IncompleteSignature")));

        for (Case c : cases) {
            Http http = Http.get(realm.accessKeys("/whoami") + (c.query() == null ? "" : "?" + c.query()));
            c.headers().forEach(http::header);
            assertContractRefusal(c.name(), http.send(), c.expectedCode());
        }

        // Bytes no HTTP library would send.
        String path = "/realms/" + realm.name() + "/access-keys/whoami";
        List<String[]> raw = List.of(
                new String[] {"non-ASCII in Authorization", "GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Amz-Date: " + now
                        + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=ÄKID/" + day + "/us-east-1/s/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + sig},
                new String[] {"two Authorization headers", "GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Amz-Date: " + now
                        + "\r\nAuthorization: " + good + "\r\nAuthorization: " + good},
                new String[] {"non-ASCII in the query", "GET " + path + "?q=ü HTTP/1.1\r\nHost: x\r\nX-Amz-Date: " + now + "\r\nAuthorization: " + good},
                new String[] {"non-ASCII date", "GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Amz-Date: २०२६\r\nAuthorization: " + good},
                new String[] {"odd escapes in the query", "GET " + path + "?a=%&b=%G1&%=%% HTTP/1.1\r\nHost: x\r\nX-Amz-Date: " + now + "\r\nAuthorization: " + good},
                new String[] {"presigned, bad escape in credential", "GET " + path + "?"
                        + presigned(credential, now, "60", sig).replace("%2F", "%zz") + " HTTP/1.1\r\nHost: x"},
                new String[] {"bad escape in another query parameter", "GET " + path + "?x=%zz HTTP/1.1\r\nHost: x\r\nX-Amz-Date: "
                        + now + "\r\nAuthorization: " + good},
                new String[] {"duplicated query parameters", "GET " + path + "?" + presigned(credential, now, "60", sig) + "&X-Amz-Date=" + now + " HTTP/1.1\r\nHost: x"},
                new String[] {"malformed Content-Type", "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: ;;;\r\nContent-Length: 0\r\nX-Amz-Date: " + now + "\r\nAuthorization: " + good},
                new String[] {"malformed Content-Type at verify", "POST /realms/" + realm.name() + "/access-keys/verify HTTP/1.1\r\nHost: x\r\nContent-Type: ;;;\r\nContent-Length: 0"},
                new String[] {"malformed Content-Type at self-service", "POST /realms/" + realm.name() + "/access-keys/me/keys HTTP/1.1\r\nHost: x\r\nContent-Type: a/b/c\r\nContent-Length: 0"},
                new String[] {"form Content-Type with an unknown charset", "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded; charset=nope\r\nContent-Length: 0\r\nX-Amz-Date: " + now + "\r\nAuthorization: " + good},
                new String[] {"multipart without boundary", "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data\r\nContent-Length: 0\r\nX-Amz-Date: " + now + "\r\nAuthorization: " + good},
                new String[] {"control character in a forwarded host", "GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Forwarded-Host: evil\u0001host\r\nX-Amz-Date: " + now + "\r\nAuthorization: " + good},
                new String[] {"space in a forwarded host", "GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Forwarded-Host: a b\r\nX-Amz-Date: " + now + "\r\nAuthorization: " + good},
                new String[] {"forwarded port out of range", "GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Forwarded-Host: h\r\nX-Forwarded-Port: 99999999\r\nX-Amz-Date: " + now + "\r\nAuthorization: " + good},
                new String[] {"control character in a forwarded proto", "GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Forwarded-Proto: ht\u0002tp\r\nX-Amz-Date: " + now + "\r\nAuthorization: " + good},
                new String[] {"control character in a header name", "GET " + path + " HTTP/1.1\r\nHost: x\r\nX-B\u0003ad: 1\r\nX-Amz-Date: " + now + "\r\nAuthorization: " + good});
        int checked = cases.size();
        for (String[] r : raw) {
            Http.Response response = RawHttp.send(server, r[1].getBytes(StandardCharsets.UTF_8));
            assertTrue(response.status() >= 400 && response.status() < 500, r[0] + ": " + response);
            if (response.body().startsWith("{")) {
                assertTrue(CONTRACT_CODES.contains(response.json().get("error").asText()), r[0] + ": " + response);
            }
            checked++;
        }
        // Odd form bodies, sent to whoami and to the token endpoint's grant. (A body with a broken percent-escape,
        // e.g. "%zz=%", is refused with a 500 by Keycloak's own form parser before any extension code runs, at every
        // endpoint that takes a form, the token endpoint included: see docs/DESIGN.md section 8.)
        for (String body : List.of("=&=&&", "\u0000=\u0001", "a=%C3%A9&a=%2B&=x")) {
            Http.Response whoami = Http.post(realm.accessKeys("/whoami"))
                    .body("application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8))
                    .header("Authorization", good).header("X-Amz-Date", now).send();
            assertTrue(whoami.status() >= 400 && whoami.status() < 500, body + ": " + whoami);
            Http.Response grant = Http.post(realm.url("/protocol/openid-connect/token"))
                    .body("application/x-www-form-urlencoded", ("grant_type=urn%3Aaccess-keys%3Aparams%3Aoauth%3Agrant-type%3Asigned-request&client_id=test-client&" + body).getBytes(StandardCharsets.UTF_8))
                    .header("Authorization", good).header("X-Amz-Date", now).send();
            assertTrue(grant.status() >= 400 && grant.status() < 500, body + ": " + grant);
            checked += 2;
        }
        assertTrue(checked >= 40, "at least 40 malformed requests, got " + checked);
        assertTrue(!server.log().contains("ERROR [io.accesskeys"), "no error logged by the extension");
        // After all that, the key still works: nothing was broken server-side.
        assertEquals(200, Stream.of(1).map(i -> realm.admin().get(realm.adminPath("/access-keys/keys/" + ak)).status()).findFirst().get());
    }

    /** A key whose stored data was imported or edited into a sealed secret that does not open: a refusal, no 5xx. */
    @Test
    void anImportedKeyWhoseSecretDoesNotOpenIsRefusedCleanly() {
        String importedAk = "KCAK" + "ABCDEFGHIJKLMNOP";
        JsonNode aesKeys = realm.admin().get(realm.adminPath("/keys")).expect(200).json().get("keys");
        String kid = null;
        for (JsonNode k : aesKeys) {
            if ("AES".equals(k.path("algorithm").asText()) || "OCT".equals(k.path("type").asText())) {
                kid = k.get("kid").asText();
            }
        }
        String secretData = "{\"v\":1,\"kid\":\"" + kid + "\",\"nonce\":\"AAAAAAAAAAAAAAAA\",\"ciphertext\":\"bm90IGEgcmVhbCBzZWNyZXQ=\"}";
        String credentialData = "{\"accessKeyId\":\"" + importedAk + "\",\"status\":\"ACTIVE\",\"description\":\"imported\"}";
        realm.admin().post(realm.adminPath("/users"), Map.of("username", "imported", "enabled", true,
                "email", "imported@example.test", "firstName", "Im", "lastName", "Ported",
                "credentials", List.of(Map.of("id", importedAk, "type", "access-key", "credentialData", credentialData,
                        "secretData", secretData)))).expect(201);
        String userId = realm.userId("imported");

        JsonNode keys = realm.admin().get(realm.adminPath("/access-keys/users/" + userId + "/keys")).expect(200).json();
        assertEquals(importedAk, keys.get(0).get("accessKeyId").asText());
        String credentialScope = "/" + AMZ.format(Instant.now()).substring(0, 8) + "/us-east-1/access-keys/aws4_request";
        Http.Response response = Http.get(realm.accessKeys("/whoami")).header("X-Amz-Date", AMZ.format(Instant.now()))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + importedAk + credentialScope
                        + ", SignedHeaders=host;x-amz-date, Signature=" + "b".repeat(64)).send();
        assertContractRefusal("imported key with a secret that does not open", response, "SignatureDoesNotMatch");
    }

    private static void assertContractRefusal(String name, Http.Response response, String expectedCode) {
        assertTrue(response.status() >= 400 && response.status() < 500, name + ": " + response);
        String code = response.json().get("error").asText();
        assertTrue(CONTRACT_CODES.contains(code), name + ": " + response);
        if (expectedCode != null) {
            assertEquals(expectedCode, code, name + ": " + response);
        }
    }

    private static Case header(String name, String authorization, String date, String expected) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Authorization", authorization);
        if (date != null) {
            headers.put("X-Amz-Date", date);
        }
        return new Case(name, null, headers, expected);
    }

    private static Case sdk(String name, String authorization, String date, String expected) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Authorization", authorization);
        if (date != null) {
            headers.put("X-Sdk-Date", date);
        }
        return new Case(name, null, headers, expected);
    }

    private static Case query(String name, String query, String expected) {
        return new Case(name, query, Map.of(), expected);
    }

    private static String presigned(String credential, String date, String expires, String signature) {
        return "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + credential.replace("/", "%2F") + "&X-Amz-Date=" + date
                + "&X-Amz-Expires=" + expires + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + signature;
    }
}
