package io.accesskeys.keycloak.signing;

import io.accesskeys.keycloak.contract.ErrorCode;

import static io.accesskeys.keycloak.signing.Fixtures.AK;
import static io.accesskeys.keycloak.signing.Fixtures.NOW;
import static io.accesskeys.keycloak.signing.Fixtures.SK;
import static io.accesskeys.keycloak.signing.Fixtures.aws4;
import static io.accesskeys.keycloak.signing.Fixtures.aws4Authorization;
import static io.accesskeys.keycloak.signing.Fixtures.aws4Credential;
import static io.accesskeys.keycloak.signing.Fixtures.aws4Signature;
import static io.accesskeys.keycloak.signing.Fixtures.aws4WithAuthorization;
import static io.accesskeys.keycloak.signing.Fixtures.presigned;
import static io.accesskeys.keycloak.signing.Fixtures.presignedQueryReplaced;
import static io.accesskeys.keycloak.signing.Fixtures.sdk;
import static io.accesskeys.keycloak.signing.Fixtures.sdkAuthorization;
import static io.accesskeys.keycloak.contract.ErrorCode.ACCESS_DENIED;
import static io.accesskeys.keycloak.contract.ErrorCode.ACCESS_KEY_INACTIVE;
import static io.accesskeys.keycloak.contract.ErrorCode.EXPIRED_TOKEN;
import static io.accesskeys.keycloak.contract.ErrorCode.INCOMPLETE_SIGNATURE;
import static io.accesskeys.keycloak.contract.ErrorCode.INVALID_ACCESS_KEY_ID;
import static io.accesskeys.keycloak.contract.ErrorCode.INVALID_TOKEN;
import static io.accesskeys.keycloak.contract.ErrorCode.MISSING_AUTHENTICATION_TOKEN;
import static io.accesskeys.keycloak.contract.ErrorCode.REQUEST_TIME_TOO_SKEWED;
import static io.accesskeys.keycloak.contract.ErrorCode.SIGNATURE_DOES_NOT_MATCH;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed, tampered and refused requests, table-driven: each must give a verdict with the expected contract
 * code (never an exception), and the cheap refusals must not reach the resolver.
 */
class MalformedRequestTest {

    /** One row: a request, the expected code (null: valid), and whether the resolver is consulted. */
    record Case(String name, Supplier<SignedRequest> request, ErrorCode expected, boolean reachesResolver,
                SecretResolver resolver) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case cheap(String name, ErrorCode expected, Supplier<SignedRequest> request) {
        return new Case(name, request, expected, false, null);
    }

    static Case lookup(String name, ErrorCode expected, Supplier<SignedRequest> request) {
        return new Case(name, request, expected, true, null);
    }

    static Case refusedBy(String name, ErrorCode code) {
        SecretResolver resolver = (ak, ctx) -> KeyResolution.refused(code, "refused by the key store");
        return new Case(name, Fixtures::aws4, code, true, resolver);
    }

    static Case valid(String name, Supplier<SignedRequest> request) {
        return new Case(name, request, null, true, null);
    }

    static String hex64(char c) {
        return String.valueOf(c).repeat(64);
    }

    static Stream<Case> cases() {
        String cred = aws4Credential();
        String sh = "content-type;host;x-amz-date";
        String authz = aws4Authorization();
        List<Case> c = new ArrayList<>();

        // No signature at all, or not one of ours.
        c.add(cheap("no Authorization", MISSING_AUTHENTICATION_TOKEN,
                () -> aws4().toBuilder().removeHeader("Authorization").build()));
        c.add(cheap("unknown scheme Bearer", MISSING_AUTHENTICATION_TOKEN, () -> aws4WithAuthorization("Bearer abc.def")));
        c.add(cheap("unknown scheme Basic", MISSING_AUTHENTICATION_TOKEN, () -> aws4WithAuthorization("Basic dXNlcjpwdw==")));
        c.add(cheap("scheme in lower case", MISSING_AUTHENTICATION_TOKEN,
                () -> aws4WithAuthorization(authz.replace("AWS4-HMAC-SHA256", "aws4-hmac-sha256"))));
        c.add(cheap("scheme glued to its parameters", MISSING_AUTHENTICATION_TOKEN,
                () -> aws4WithAuthorization(authz.replace("AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA256"))));
        c.add(cheap("empty Authorization", MISSING_AUTHENTICATION_TOKEN, () -> aws4WithAuthorization("")));

        // Malformed Authorization header.
        c.add(cheap("scheme alone", INCOMPLETE_SIGNATURE, () -> aws4WithAuthorization("AWS4-HMAC-SHA256")));
        c.add(cheap("garbage after scheme", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization("AWS4-HMAC-SHA256 !!garbage!!")));
        c.add(cheap("empty component", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization("AWS4-HMAC-SHA256 Credential=" + cred + ", , SignedHeaders=" + sh
                        + ", Signature=" + aws4Signature())));
        c.add(cheap("missing Signature", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization("AWS4-HMAC-SHA256 Credential=" + cred + ", SignedHeaders=" + sh)));
        c.add(cheap("missing SignedHeaders", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization("AWS4-HMAC-SHA256 Credential=" + cred + ", Signature=" + aws4Signature())));
        c.add(cheap("missing Credential", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization("AWS4-HMAC-SHA256 SignedHeaders=" + sh + ", Signature=" + aws4Signature())));
        c.add(cheap("duplicated Signature", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(authz + ", Signature=" + aws4Signature())));
        c.add(cheap("duplicated Credential", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(authz + ", Credential=" + cred)));
        c.add(cheap("duplicated SignedHeaders", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(authz + ", SignedHeaders=" + sh)));
        c.add(cheap("unknown component", INCOMPLETE_SIGNATURE, () -> aws4WithAuthorization(authz + ", Foo=bar")));
        c.add(cheap("signature in upper-case hex", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred, sh, aws4Signature().toUpperCase()))));
        c.add(cheap("signature of 63 digits", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred, sh, aws4Signature().substring(1)))));
        c.add(cheap("signature not hex", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred, sh, hex64('g')))));
        c.add(cheap("Authorization over 8 KiB", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(authz + " ".repeat(20) + "x".repeat(9000))));
        c.add(cheap("Authorization repeated", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().header("Authorization", authz).build()));
        c.add(cheap("non-ASCII in Authorization", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(authz.replace("AKIDEXAMPLE", "AKIDÉXAMPLE"))));
        c.add(cheap("credential without terminator", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(AK + "/20240501/us-east-1/iam", sh, aws4Signature()))));
        c.add(cheap("credential with wrong terminator", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred + "x", sh, aws4Signature()))));
        c.add(cheap("access key with a dash", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred.replace(AK, "AKID-EXAMPLE"), sh, aws4Signature()))));
        c.add(cheap("access key of 129 characters", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred.replace(AK, "A".repeat(129)), sh, aws4Signature()))));
        c.add(cheap("scope date not a date", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred.replace("20240501", "20241301"), sh, aws4Signature()))));
        c.add(cheap("scope date differs from request date", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred.replace("20240501", "20240430"), sh, aws4Signature()))));
        c.add(cheap("region with a space", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred.replace("us-east-1", "us east"), sh, aws4Signature()))));

        // Dates.
        c.add(cheap("missing X-Amz-Date and Date", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().removeHeader("X-Amz-Date").build()));
        c.add(cheap("X-Amz-Date in extended format", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().setHeader("X-Amz-Date", "2024-05-01T10:00:00Z").build()));
        c.add(cheap("X-Amz-Date with non-ASCII digits", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().setHeader("X-Amz-Date", "\u0662\u0660\u0662\u06640501T100000Z").build()));
        c.add(cheap("X-Amz-Date with month 13", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().setHeader("X-Amz-Date", "20241301T100000Z").build()));
        c.add(cheap("X-Amz-Date repeated", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().header("X-Amz-Date", "20240501T100000Z").build()));
        c.add(cheap("Date header not a date", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().removeHeader("X-Amz-Date").header("Date", "yesterday")
                        .setHeader("Authorization", aws4Authorization(cred, "content-type;date;host", aws4Signature()))
                        .build()));
        c.add(cheap("16 minutes in the past", REQUEST_TIME_TOO_SKEWED,
                () -> Fixtures.aws4At(NOW.minus(Duration.ofMinutes(16)))));
        c.add(cheap("16 minutes in the future", REQUEST_TIME_TOO_SKEWED,
                () -> Fixtures.aws4At(NOW.plus(Duration.ofMinutes(16)))));

        // Signed headers.
        c.add(cheap("x-amz-date not signed", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred, "content-type;host", aws4Signature()))));
        c.add(cheap("host not signed", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred, "content-type;x-amz-date", aws4Signature()))));
        c.add(cheap("signed header absent from the request", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred, sh + ";x-custom", aws4Signature()))));
        c.add(cheap("signed headers unsorted", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred, "host;content-type;x-amz-date", aws4Signature()))));
        c.add(cheap("signed header in upper case", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred, "Content-Type;host;x-amz-date", aws4Signature()))));
        c.add(cheap("empty signed header name", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred, "content-type;;host;x-amz-date", aws4Signature()))));
        c.add(cheap("65 signed headers", INCOMPLETE_SIGNATURE,
                () -> aws4WithAuthorization(aws4Authorization(cred, IntStream.range(0, 65)
                        .mapToObj(i -> String.format("h%03d", i)).collect(Collectors.joining(";")), aws4Signature()))));

        // Presigned URLs.
        c.add(cheap("X-Amz-Expires 0", INCOMPLETE_SIGNATURE, () -> presignedQueryReplaced("X-Amz-Expires=300", "X-Amz-Expires=0")));
        c.add(cheap("X-Amz-Expires 604801", INCOMPLETE_SIGNATURE,
                () -> presignedQueryReplaced("X-Amz-Expires=300", "X-Amz-Expires=604801")));
        c.add(cheap("X-Amz-Expires not a number", INCOMPLETE_SIGNATURE,
                () -> presignedQueryReplaced("X-Amz-Expires=300", "X-Amz-Expires=abc")));
        c.add(cheap("X-Amz-Expires negative", INCOMPLETE_SIGNATURE,
                () -> presignedQueryReplaced("X-Amz-Expires=300", "X-Amz-Expires=-5")));
        c.add(cheap("presigned URL expired", ACCESS_DENIED,
                () -> Fixtures.presignedAt(NOW.minus(Duration.ofMinutes(10)), Duration.ofMinutes(5))));
        c.add(cheap("presigned 16 minutes in the future", REQUEST_TIME_TOO_SKEWED,
                () -> Fixtures.presignedAt(NOW.plus(Duration.ofMinutes(16)), Duration.ofMinutes(5))));
        c.add(cheap("presigned without X-Amz-Signature", INCOMPLETE_SIGNATURE,
                () -> presignedQueryReplaced("&X-Amz-Signature=", "&X-Amz-Unsigned=")));
        c.add(cheap("presigned X-Amz-Credential repeated", INCOMPLETE_SIGNATURE,
                () -> presigned().toBuilder().rawQuery(presigned().rawQuery() + "&X-Amz-Credential=x").build()));
        c.add(cheap("presigned with another algorithm", INCOMPLETE_SIGNATURE,
                () -> presignedQueryReplaced("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA1")));
        c.add(cheap("presigned and Authorization header both", INCOMPLETE_SIGNATURE,
                () -> presigned().toBuilder().header("Authorization", aws4Authorization()).build()));
        c.add(cheap("presigned without host signed", INCOMPLETE_SIGNATURE,
                () -> presignedQueryReplaced("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=content-type")));
        c.add(cheap("presigned credential badly encoded", INCOMPLETE_SIGNATURE,
                () -> presignedQueryReplaced("%2F20240501", "%ZZ20240501")));

        // The URI itself.
        c.add(cheap("bad percent-encoding in path", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().rawPath("/realms/%zz/whoami").build()));
        c.add(cheap("truncated percent-encoding in path", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().rawPath("/realms/demo%2").build()));
        c.add(cheap("bad percent-encoding in query", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().rawQuery("a=%G1").build()));
        c.add(cheap("truncated percent-encoding in query", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().rawQuery("a=%4").build()));
        c.add(cheap("control character in path", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().rawPath("/realms/\u0001").build()));
        c.add(cheap("unpaired surrogate in query", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().rawQuery("a=\uD800x").build()));
        c.add(cheap("query over 16 KiB", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().rawQuery("a=" + "x".repeat(17_000)).build()));
        c.add(cheap("600 query parameters", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().rawQuery(IntStream.range(0, 600).mapToObj(i -> "p" + i + "=1")
                        .collect(Collectors.joining("&"))).build()));
        c.add(cheap("method with a space", INCOMPLETE_SIGNATURE, () -> aws4().toBuilder().method("GE T").build()));

        // Payload declarations and tokens.
        c.add(cheap("x-amz-content-sha256 neither hash nor UNSIGNED-PAYLOAD", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().header("X-Amz-Content-Sha256", "abc")
                        .setHeader("Authorization", aws4Authorization(cred,
                                "content-type;host;x-amz-content-sha256;x-amz-date", aws4Signature())).build()));
        c.add(cheap("x-amz-content-sha256 streaming (unsupported)", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().header("X-Amz-Content-Sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
                        .setHeader("Authorization", aws4Authorization(cred,
                                "content-type;host;x-amz-content-sha256;x-amz-date", aws4Signature())).build()));
        c.add(cheap("conflicting security tokens", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().header("X-Amz-Security-Token", "one").header("X-Security-Token", "two").build()));
        c.add(cheap("security token over 8 KiB", INCOMPLETE_SIGNATURE,
                () -> aws4().toBuilder().header("X-Security-Token", "t".repeat(9000)).build()));

        // Reaches the key lookup: the resolver's refusals pass through.
        c.add(lookup("unknown access key", INVALID_ACCESS_KEY_ID,
                () -> new RequestSigner("AKIDUNKNOWN", AccessSecret.of(SK))
                        .signAws4(Fixtures.unsigned(), NOW, "us-east-1", "iam").request()));
        c.add(refusedBy("inactive access key", ACCESS_KEY_INACTIVE));
        c.add(refusedBy("invalid security token", INVALID_TOKEN));
        c.add(refusedBy("expired security token", EXPIRED_TOKEN));
        c.add(refusedBy("disabled user", ACCESS_DENIED));

        // Wrong signatures.
        c.add(lookup("tampered signature", SIGNATURE_DOES_NOT_MATCH,
                () -> aws4WithAuthorization(aws4Authorization(cred, sh, hex64('a')))));
        c.add(lookup("tampered query", SIGNATURE_DOES_NOT_MATCH, () -> aws4().toBuilder().rawQuery("b=3&a=1").build()));
        c.add(lookup("tampered signed header", SIGNATURE_DOES_NOT_MATCH,
                () -> aws4().toBuilder().setHeader("Content-Type", "text/plain").build()));
        c.add(lookup("tampered path", SIGNATURE_DOES_NOT_MATCH,
                () -> aws4().toBuilder().rawPath("/realms/other/access-keys/whoami").build()));
        c.add(lookup("body changed after signing", SIGNATURE_DOES_NOT_MATCH,
                () -> aws4().toBuilder().body("{}".getBytes(StandardCharsets.UTF_8)).build()));
        c.add(lookup("body changed under signed x-amz-content-sha256", SIGNATURE_DOES_NOT_MATCH,
                () -> Fixtures.SIGNER.signAws4(Fixtures.unsigned().toBuilder().header("X-Amz-Content-Sha256",
                                Hashing.sha256HexOf(Fixtures.BODY)).build(), NOW, "us-east-1", "iam").request()
                        .toBuilder().body("{}".getBytes(StandardCharsets.UTF_8)).build()));
        c.add(lookup("wrong secret", SIGNATURE_DOES_NOT_MATCH,
                () -> new RequestSigner(AK, AccessSecret.of("not-the-secret"))
                        .signAws4(Fixtures.unsigned(), NOW, "us-east-1", "iam").request()));

        // SDK-HMAC-SHA256.
        String sdkAuthz = sdkAuthorization();
        c.add(cheap("SDK without X-Sdk-Date", INCOMPLETE_SIGNATURE,
                () -> sdk().toBuilder().removeHeader("X-Sdk-Date").build()));
        c.add(cheap("SDK x-sdk-date not signed", INCOMPLETE_SIGNATURE,
                () -> sdk().toBuilder().setHeader("Authorization",
                        sdkAuthz.replace("SignedHeaders=content-type;host;x-sdk-date", "SignedHeaders=content-type;host"))
                        .build()));
        c.add(cheap("SDK X-Sdk-Date in extended format", INCOMPLETE_SIGNATURE,
                () -> sdk().toBuilder().setHeader("X-Sdk-Date", "2024-05-01T10:00:00Z").build()));
        c.add(cheap("SDK 16 minutes in the past", REQUEST_TIME_TOO_SKEWED,
                () -> Fixtures.sdkAt(NOW.minus(Duration.ofMinutes(16)))));
        c.add(cheap("SDK without Access", INCOMPLETE_SIGNATURE,
                () -> sdk().toBuilder().setHeader("Authorization", sdkAuthz.replace("Access=" + AK + ", ", "")).build()));
        c.add(cheap("SDK with an AWS Credential component", INCOMPLETE_SIGNATURE,
                () -> sdk().toBuilder().setHeader("Authorization",
                        sdkAuthz.replace("Access=" + AK, "Credential=" + aws4Credential())).build()));
        c.add(cheap("SDK x-sdk-content-sha256 invalid", INCOMPLETE_SIGNATURE,
                () -> sdk().toBuilder().header("X-Sdk-Content-Sha256", "nope").setHeader("Authorization",
                        sdkAuthz.replace("SignedHeaders=content-type;host;x-sdk-date",
                                "SignedHeaders=content-type;host;x-sdk-content-sha256;x-sdk-date")).build()));
        c.add(lookup("SDK tampered signature", SIGNATURE_DOES_NOT_MATCH,
                () -> sdk().toBuilder().setHeader("Authorization",
                        sdkAuthz.substring(0, sdkAuthz.length() - 64) + hex64('0')).build()));
        c.add(lookup("SDK body changed under signed x-sdk-content-sha256", SIGNATURE_DOES_NOT_MATCH,
                () -> Fixtures.SIGNER.signSdk(Fixtures.unsigned().toBuilder().header("X-Sdk-Content-Sha256",
                                Hashing.sha256HexOf(Fixtures.BODY)).build(), NOW).request()
                        .toBuilder().body(new byte[] {1}).build()));

        // Legal requests in the same table, so the table also proves it is not refusing everything.
        c.add(valid("valid SigV4", Fixtures::aws4));
        c.add(valid("valid SigV4 with duplicated query parameters", () -> Fixtures.SIGNER.signAws4(
                Fixtures.unsigned().toBuilder().rawQuery("b=2&a=3&a=1&a=2").build(), NOW, "us-east-1", "iam")
                .request()));
        c.add(valid("valid SigV4 with raw UTF-8 in the path", () -> Fixtures.SIGNER.signAws4(
                Fixtures.unsigned().toBuilder().rawPath("/realms/d\u00e9mo").build(), NOW, "us-east-1", "iam")
                .request()));
        c.add(valid("valid presigned URL", Fixtures::presigned));
        c.add(valid("valid SDK-HMAC-SHA256", Fixtures::sdk));
        return c.stream();
    }

    @Test
    void tableIsLargeEnough() {
        long malformed = cases().filter(c -> c.expected() != null).count();
        assertTrue(malformed >= 40, "malformed cases: " + malformed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesTheExpectedVerdict(Case c) {
        TestKeys keys = Fixtures.keys();
        SecretResolver counting = c.resolver() == null ? keys : (ak, ctx) -> {
            keys.resolve(ak, ctx);
            return c.resolver().resolve(ak, ctx);
        };
        SignedRequest request = c.request().get();
        Verdict verdict = assertDoesNotThrow(() -> Fixtures.verifierAt(NOW).verify(request, counting));

        assertEquals(c.reachesResolver() ? 1 : 0, keys.calls(), "resolver calls");
        if (c.expected() == null) {
            assertInstanceOf(Verdict.Verified.class, verdict, verdict::toString);
            return;
        }
        Verdict.Rejected rejected = assertInstanceOf(Verdict.Rejected.class, verdict);
        assertEquals(c.expected(), rejected.error(), rejected.description());
        assertEquals(c.expected().httpStatus(), rejected.httpStatus());
        assertFalse(rejected.description().isBlank());
        assertFalse(rejected.description().contains(SK), "description leaks the secret");
        if (c.expected() == SIGNATURE_DOES_NOT_MATCH) {
            assertTrue(rejected.canonicalRequest() != null && rejected.stringToSign() != null);
            assertFalse(rejected.canonicalRequest().contains(SK) || rejected.stringToSign().contains(SK));
        }
    }
}
