package io.accesskeys.keycloak.signing;

import io.accesskeys.keycloak.contract.ErrorCode;

import static io.accesskeys.keycloak.signing.Fixtures.AK;
import static io.accesskeys.keycloak.signing.Fixtures.NOW;
import static io.accesskeys.keycloak.signing.Fixtures.SK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Repeated query values signed by the real Huawei Cloud Java SDK ({@code huaweicloud-sdk-core}'s
 * {@link AKSKSigner}): it sorts parameter names but keeps each name's values in the order given, and the
 * verifier must do the same. Also the fixed vector made once with that SDK, checked byte for byte.
 */
class HuaweiSdkQueryOrderTest {

    private static final String ENDPOINT = "https://kc.example.com";
    private static final String PATH = "/realms/demo/access-keys/whoami";
    private static final String DATE = "20240501T100000Z";
    private static final String VECTOR = "/vectors/sdk-hmac-sha256/repeated-query-values.json";

    /** What the SDK sent: the query as the SDK's URL carries it, and the headers it signed. */
    private record SdkSigned(String rawQuery, String host, String date, String authorization) {

        SignedRequest request() {
            return withQuery(rawQuery);
        }

        /** The same signed headers on a query given by hand (e.g. the values reordered after signing). */
        SignedRequest withQuery(String query) {
            return SignedRequest.builder()
                    .method("GET")
                    .rawPath(PATH)
                    .rawQuery(query)
                    .header("Host", host)
                    .header("X-Sdk-Date", date)
                    .header("Authorization", authorization)
                    .build();
        }
    }

    /** Signs GET {@link #PATH} with the given parameters (name to values, in order) by the Huawei SDK. */
    private static SdkSigned sdkSign(Map<String, List<String>> query, String date, String ak, String sk) {
        HttpRequest.HttpRequestBuilder builder = HttpRequest.newBuilder()
                .withEndpoint(ENDPOINT)
                .withPath(PATH)
                .withMethod(HttpMethod.GET)
                .addHeader("X-Sdk-Date", date);
        query.forEach(builder::addQueryParam);
        HttpRequest request = builder.build();
        Map<String, String> signed = AKSKSigner.getInstance()
                .sign(request, new BasicCredentials().withAk(ak).withSk(sk));
        return new SdkSigned(request.getUrl().getQuery(), signed.get("Host"), date, signed.get("Authorization"));
    }

    private static SdkSigned sdkSign(Map<String, List<String>> query) {
        return sdkSign(query, DATE, AK, SK);
    }

    /** Name to values, in the order of the arguments: name, values, name, values, ... */
    private static Map<String, List<String>> params(Object... nameThenValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) nameThenValues[i + 1];
            map.put((String) nameThenValues[i], values);
        }
        return map;
    }

    private static Verdict verify(SignedRequest request, Instant now, String ak, String sk) {
        return new RequestVerifier(Clock.fixed(now, ZoneOffset.UTC), new SigningKeyCache())
                .verify(request, TestKeys.of(ak, sk));
    }

    private static void assertAccepted(SignedRequest request) {
        Verdict verdict = verify(request, NOW, AK, SK);
        Verdict.Verified ok = assertInstanceOf(Verdict.Verified.class, verdict, verdict::toString);
        assertEquals(SigningScheme.SDK_HMAC_SHA256, ok.context().scheme());
    }

    private static void assertSignatureDoesNotMatch(SignedRequest request) {
        Verdict verdict = verify(request, NOW, AK, SK);
        Verdict.Rejected no = assertInstanceOf(Verdict.Rejected.class, verdict, verdict::toString);
        assertEquals(ErrorCode.SIGNATURE_DOES_NOT_MATCH, no.error(), no::toString);
    }

    @Test
    void repeatedValuesInDescendingOrder() {
        SdkSigned signed = sdkSign(params("tag", List.of("b", "a")));
        assertEquals("tag=b&tag=a", signed.rawQuery());
        assertAccepted(signed.request());
        assertSignatureDoesNotMatch(signed.withQuery("tag=a&tag=b"));
    }

    @Test
    void repeatedValuesInAscendingOrder() {
        SdkSigned signed = sdkSign(params("tag", List.of("a", "b")));
        assertEquals("tag=a&tag=b", signed.rawQuery());
        assertAccepted(signed.request());
        assertSignatureDoesNotMatch(signed.withQuery("tag=b&tag=a"));
    }

    /**
     * {@code ?b=2&a=1&b=1}: the SDK groups a name's values ({@code b=[2, 1]}) and sends {@code b=2&b=1&a=1}; a
     * client that interleaves them as {@code b=2&a=1&b=1} has the same canonical query and is accepted too.
     */
    @Test
    void repeatedValuesAmongOtherNames() {
        SdkSigned signed = sdkSign(params("b", List.of("2", "1"), "a", List.of("1")));
        assertEquals("b=2&b=1&a=1", signed.rawQuery());
        assertAccepted(signed.request());
        assertAccepted(signed.withQuery("b=2&a=1&b=1"));
        assertAccepted(signed.withQuery("a=1&b=2&b=1"));
        assertSignatureDoesNotMatch(signed.withQuery("b=1&a=1&b=2"));
        assertSignatureDoesNotMatch(signed.withQuery("a=1&b=1&b=2"));
    }

    @Test
    void repeatedValuesNeedingPercentEncoding() {
        List<String> values = List.of("x y", "a/b", "caf\u00e9", "1+1", "*~", "%41", "k=v&w");
        SdkSigned signed = sdkSign(params("q", values));
        assertEquals("q=x%20y&q=a%2Fb&q=caf%C3%A9&q=1%2B1&q=%2A~&q=%2541&q=k%3Dv%26w", signed.rawQuery());
        assertAccepted(signed.request());

        List<String> reversed = new ArrayList<>(Arrays.asList(signed.rawQuery().split("&")));
        Collections.reverse(reversed);
        assertSignatureDoesNotMatch(signed.withQuery(String.join("&", reversed)));
    }

    /** The SDK sends and signs {@code flag=} for an empty value or no value; a bare {@code flag} means the same. */
    @Test
    void parameterWithoutValue() {
        SdkSigned empty = sdkSign(params("flag", List.of(""), "tag", List.of("b", "a")));
        assertEquals("flag=&tag=b&tag=a", empty.rawQuery());
        assertAccepted(empty.request());
        assertAccepted(empty.withQuery("flag&tag=b&tag=a"));
        assertSignatureDoesNotMatch(empty.withQuery("flag=&tag=a&tag=b"));

        SdkSigned none = sdkSign(params("flag", List.of()));
        assertEquals("flag=", none.rawQuery());
        assertAccepted(none.request());
        assertAccepted(none.withQuery("flag"));
    }

    /** The vector file was made once with the same SDK: signing its input again must give the same result. */
    @Test
    void vectorIsWhatTheSdkSigns() throws IOException {
        JsonNode v = vector();
        Map<String, List<String>> query = new LinkedHashMap<>();
        v.get("sdk_query_params").fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(value -> values.add(value.asText()));
            query.put(e.getKey(), values);
        });
        SdkSigned signed = sdkSign(query, v.get("headers").get("X-Sdk-Date").asText(),
                v.get("ak").asText(), v.get("sk").asText());
        assertEquals(v.get("query").asText(), signed.rawQuery());
        assertEquals(v.get("authorization").asText(), signed.authorization());
    }

    /** Our canonical request, string to sign and signature equal the SDK's byte for byte; the Authorization verifies. */
    @Test
    void matchesRepeatedQueryValuesVector() throws IOException {
        JsonNode v = vector();
        SignedRequest.Builder builder = SignedRequest.builder()
                .method(v.get("method").asText())
                .rawPath(v.get("path").asText())
                .rawQuery(v.get("query").asText());
        v.get("headers").fields().forEachRemaining(h -> builder.header(h.getKey(), h.getValue().asText()));
        SignedRequest request = builder.build();
        Instant time = LocalDateTime.parse(v.get("headers").get("X-Sdk-Date").asText(),
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(ZoneOffset.UTC);
        String authorization = v.get("authorization").asText();
        List<String> signedHeaders = Arrays.asList(
                authorization.replaceAll(".*SignedHeaders=([^,]*),.*", "$1").split(";"));

        RequestSigner signer = new RequestSigner(v.get("ak").asText(), AccessSecret.of(v.get("sk").asText()));
        RequestSigner.SigningResult ours = signer.signSdk(request, time, signedHeaders);
        assertBytes(v.get("canonical_request").asText(), ours.canonicalRequest(), "canonical request");
        assertBytes(v.get("string_to_sign").asText(), ours.stringToSign(), "string to sign");
        assertBytes(v.get("signature").asText(), ours.signature(), "signature");
        assertEquals(authorization, ours.authorization());

        SignedRequest sent = request.toBuilder().setHeader("Authorization", authorization).build();
        Verdict verdict = verify(sent, time, v.get("ak").asText(), v.get("sk").asText());
        assertInstanceOf(Verdict.Verified.class, verdict, verdict::toString);

        // The tag values swapped after signing: refused, and the canonical query shows the order sent.
        String swapped = v.get("query").asText().replace("tag=b&tag=a", "tag=a&tag=b");
        Verdict refused = verify(request.toBuilder().rawQuery(swapped).setHeader("Authorization", authorization)
                .build(), time, v.get("ak").asText(), v.get("sk").asText());
        Verdict.Rejected no = assertInstanceOf(Verdict.Rejected.class, refused, refused::toString);
        assertEquals(ErrorCode.SIGNATURE_DOES_NOT_MATCH, no.error());
        assertEquals(v.get("canonical_request").asText().replace("tag=b&tag=a", "tag=a&tag=b"), no.canonicalRequest());
    }

    private static void assertBytes(String expected, String actual, String what) {
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8),
                what + ": expected <" + expected + "> but was <" + actual + ">");
    }

    private static JsonNode vector() throws IOException {
        try (InputStream in = HuaweiSdkQueryOrderTest.class.getResourceAsStream(VECTOR)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + VECTOR);
            }
            return new ObjectMapper().readTree(in);
        }
    }
}
