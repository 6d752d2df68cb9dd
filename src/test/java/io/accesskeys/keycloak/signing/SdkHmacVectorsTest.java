package io.accesskeys.keycloak.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SDK-HMAC-SHA256 vectors: the Huawei SDKs' own unit-test signatures and the signing guide's worked example.
 * Each: canonical request, string to sign and signature from the signer, and the vector's own Authorization
 * accepted by the verifier.
 */
class SdkHmacVectorsTest {

    static final int EXPECTED_SDK_CASES = 7;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<JsonNode> sdkCases() throws IOException {
        JsonNode all = JSON.readTree(Vectors.dir().resolve("sdk-hmac-sha256/sdk-unit-test-vectors.json").toFile());
        List<JsonNode> cases = new ArrayList<>();
        all.forEach(cases::add);
        return cases.stream();
    }

    @Test
    void readsEverySdkCase() throws IOException {
        assertEquals(EXPECTED_SDK_CASES, sdkCases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkCases")
    void matchesSdkVector(JsonNode v) {
        SignedRequest.Builder builder = SignedRequest.builder()
                .method(v.get("method").asText())
                .rawPath(v.get("path").asText())
                .rawQuery(rawQuery(v.get("query")))
                .body(v.get("body").asText().getBytes(StandardCharsets.UTF_8));
        v.get("headers").fields().forEachRemaining(h -> builder.header(h.getKey(), h.getValue().asText()));
        SignedRequest request = builder.build();
        String date = request.headers().first("x-sdk-date");
        Instant time = basicTime(date);
        String authorization = v.get("authorization").asText();
        List<String> signedHeaders = Arrays.asList(
                authorization.replaceAll(".*SignedHeaders=([^,]*),.*", "$1").split(";"));

        RequestSigner signer = new RequestSigner(v.get("ak").asText(), AccessSecret.of(v.get("sk").asText()));
        RequestSigner.SigningResult result = signer.signSdk(request, time, signedHeaders);
        assertEquals(v.get("canonical_request").asText(), result.canonicalRequest(), "canonical request");
        assertEquals(v.get("string_to_sign").asText(), result.stringToSign(), "string to sign");
        assertEquals(v.get("signature").asText(), result.signature(), "signature");
        assertEquals(authorization, result.authorization(), "authorization");

        // The vector's own Authorization, on the request as sent (not the signer's output).
        SignedRequest sent = request.toBuilder().setHeader("Authorization", authorization).build();
        assertVerified(sent, time, v.get("ak").asText(), v.get("sk").asText());
    }

    /** The signing guide's worked example: GET .../vpcs?limit=2&marker=... with Content-Type, Host, X-Sdk-Date. */
    @Test
    void matchesDocExample() throws IOException {
        JsonNode doc = JSON.readTree(Vectors.dir().resolve("sdk-hmac-sha256/doc-example.json").toFile());
        Matcher m = Pattern.compile("^(\\w+) (\\S+) with Content-Type: (\\S+), Host, X-Sdk-Date: (\\w+)$")
                .matcher(doc.get("request").asText());
        assertEquals(true, m.matches(), "doc-example request text changed: " + doc.get("request").asText());
        URI uri = URI.create(m.group(2));
        SignedRequest request = SignedRequest.builder()
                .method(m.group(1))
                .rawPath(uri.getRawPath())
                .rawQuery(uri.getRawQuery())
                .header("Content-Type", m.group(3))
                .header("Host", uri.getHost())
                .header("X-Sdk-Date", m.group(4))
                .build();
        Instant time = basicTime(m.group(4));
        List<String> signedHeaders = Arrays.asList(doc.get("signed_headers").asText().split(";"));

        RequestSigner.SigningResult result = new RequestSigner("AKIDEXAMPLE", AccessSecret.of("SK"))
                .signSdk(request, time, signedHeaders);
        assertEquals(doc.get("canonical_request").asText(), result.canonicalRequest());
        assertEquals(doc.get("string_to_sign").asText(), result.stringToSign());
        assertEquals(doc.get("published_hashed_canonical_request").asText(),
                Hashing.sha256Hex(result.canonicalRequest()));
        assertEquals(doc.get("signature_with_sk_literal_SK").asText(), result.signature());
        assertVerified(result.request(), time, "AKIDEXAMPLE", "SK");
    }

    private static void assertVerified(SignedRequest request, Instant time, String ak, String sk) {
        RequestVerifier verifier = new RequestVerifier(Clock.fixed(time, ZoneOffset.UTC), new SigningKeyCache());
        Verdict verdict = verifier.verify(request, TestKeys.of(ak, sk));
        Verdict.Verified ok = assertInstanceOf(Verdict.Verified.class, verdict, verdict::toString);
        assertEquals(SigningScheme.SDK_HMAC_SHA256, ok.context().scheme());
        assertEquals(ak, ok.context().accessKeyId());
        assertEquals(time, ok.context().signedAt());
        assertNull(ok.context().region());
        assertNull(ok.context().service());
    }

    private static Instant basicTime(String text) {
        return java.time.LocalDateTime.parse(text,
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(ZoneOffset.UTC);
    }

    /** The vector's [name, value] pairs as a query string as an SDK would send it. */
    private static String rawQuery(JsonNode pairs) {
        if (pairs.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode pair : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(encode(pair.get(0).asText())).append('=').append(encode(pair.get(1).asText()));
        }
        return out.toString();
    }

    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        try {
            PercentEncoding.encodeLiteral(text, false, out);
        } catch (Rejection e) {
            throw new AssertionError(e.getMessage());
        }
        return out.toString();
    }
}
