package io.accesskeys.keycloak.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.accesskeys.keycloak.contract.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * S3's canonicalisation for a SigV4 scope of service {@code s3}, against the AWS SDK for Java v2 signer with S3's
 * options (no double encoding, no path normalisation), as S3 clients sign: the repository has no S3 cases of the
 * AWS suite, so the real signer makes them. The same paths under another service keep the generic rules.
 */
class S3CanonicalisationTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final String AK = "AKIDEXAMPLE";
    private static final String SK = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private static SignedRequest signed(String service, boolean s3Options, String method, String url, String body,
                                        boolean payloadSigning, boolean chunked) {
        SdkHttpRequest request = SdkHttpRequest.builder().uri(URI.create(url)).method(SdkHttpMethod.fromValue(method)).build();
        var result = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(AK, SK)).request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning);
            if (s3Options) {
                r.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false).putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
            }
            if (chunked) {
                r.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true);
            }
            if (body != null) {
                r.payload(ContentStreamProvider.fromUtf8String(body));
            }
        });
        SdkHttpRequest sent = result.request();
        SignedRequest.Builder builder = SignedRequest.builder().method(method)
                .rawPath(sent.encodedPath()).rawQuery(URI.create(url).getRawQuery());
        sent.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        if (sent.firstMatchingHeader("Host").isEmpty()) {
            builder.header("Host", URI.create(url).getRawAuthority());
        }
        return builder.body((body == null ? "" : body).getBytes(StandardCharsets.UTF_8)).build();
    }

    private static Verdict<?> verify(SignedRequest request) {
        return Fixtures.verifierAt(NOW).verify(request, TestKeys.of(AK, SK));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/bucket/key.txt",
        "/bucket/a//b/./c/../d",
        "/bucket/with%20space/and%2Bplus",
        "/bucket/%E2%82%AC-euro/%C3%A9t%C3%A9",
        "/bucket/tilde~and-unreserved_.",
        "/bucket/sub/dir/",
        "/bucket/%21%2A%27%28%29",
        "/bucket/key%3Dvalue%26x"})
    void s3PathsAsTheS3SignerSignsThem(String path) {
        SignedRequest request = signed("s3", true, "PUT", "https://s3.example.com" + path + "?x-id=PutObject", "data", true, false);

        var verified = assertInstanceOf(Verdict.Verified.class, verify(request), () -> verify(request).toString());
        assertEquals("s3", verified.context().service());
        assertTrue(verified.payloadSigned());
    }

    @Test
    void theGenericRulesStayForOtherServices() {
        String path = "/bucket/a//b/./c/../with%20space";
        assertInstanceOf(Verdict.Verified.class, verify(signed("execute-api", false, "GET", "https://api.example.com" + path, null, true, false)));
        // S3's signing of a path that normalisation and double encoding change does not verify under another service...
        var generic = assertInstanceOf(Verdict.Rejected.class,
                verify(signed("execute-api", true, "GET", "https://api.example.com" + path, null, true, false)));
        assertEquals(ErrorCode.SIGNATURE_DOES_NOT_MATCH, generic.error());
        // ...and the generic signing of it does not verify as s3.
        var s3 = assertInstanceOf(Verdict.Rejected.class,
                verify(signed("s3", false, "GET", "https://s3.example.com" + path, null, true, false)));
        assertEquals(ErrorCode.SIGNATURE_DOES_NOT_MATCH, s3.error());
    }

    @Test
    void unsignedPayloadIsAcceptedAndReportedUnsigned() {
        SignedRequest request = signed("s3", true, "PUT", "https://s3.example.com/bucket/big.bin", "any bytes", false, false);
        assertEquals("UNSIGNED-PAYLOAD", request.headers().first("x-amz-content-sha256"));

        var verified = assertInstanceOf(Verdict.Verified.class, verify(request.toBuilder().body("other bytes".getBytes(StandardCharsets.UTF_8)).build()));
        assertFalse(verified.payloadSigned(), "never pretend a body was verified");
        assertFalse(verified.bodyChecked());
    }

    @Test
    void streamedChunkSignaturesAreRefusedWithAClearReason() {
        SignedRequest request = signed("s3", true, "PUT", "https://s3.example.com/bucket/chunked.bin", "chunk data", true, true);
        assertTrue(request.headers().first("x-amz-content-sha256").startsWith("STREAMING-"), request.toString());

        for (SignedRequest sent : new SignedRequest[] {request, request.toBuilder().withoutBody().build()}) {
            var rejected = assertInstanceOf(Verdict.Rejected.class, verify(sent));
            assertEquals(ErrorCode.INCOMPLETE_SIGNATURE, rejected.error());
            assertTrue(rejected.description().startsWith("Streamed chunk signatures"), rejected.description());
        }
    }
}
