package io.accesskeys.keycloak.signing;

import io.accesskeys.keycloak.contract.ErrorCode;

import static io.accesskeys.keycloak.signing.Fixtures.AK;
import static io.accesskeys.keycloak.signing.Fixtures.NOW;
import static io.accesskeys.keycloak.signing.Fixtures.REGION;
import static io.accesskeys.keycloak.signing.Fixtures.SERVICE;
import static io.accesskeys.keycloak.signing.Fixtures.SIGNER;
import static io.accesskeys.keycloak.signing.Fixtures.SK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Verification order, time window, signing-key cache, signer round trips, and secrecy. */
class VerifierBehaviourTest {

    private static Verdict verify(SignedRequest request) {
        return Fixtures.verifierAt(NOW).verify(request, Fixtures.keys());
    }

    private static Verdict.Verified verified(Verdict verdict) {
        return assertInstanceOf(Verdict.Verified.class, verdict, verdict::toString);
    }

    private static ErrorCode refusal(Verdict verdict) {
        return assertInstanceOf(Verdict.Rejected.class, verdict).error();
    }

    // ---- order: cheap checks never reach the resolver ----

    @Test
    void cheapRejectionsDoNotCallTheResolver() {
        TestKeys keys = Fixtures.keys();
        RequestVerifier verifier = Fixtures.verifierAt(NOW);
        List<SignedRequest> cheap = List.of(
                Fixtures.unsigned(),
                Fixtures.aws4WithAuthorization("AWS4-HMAC-SHA256 nonsense"),
                Fixtures.aws4At(NOW.minus(Duration.ofHours(1))),
                Fixtures.aws4().toBuilder().rawPath("/%zz").build(),
                Fixtures.presignedAt(NOW.minus(Duration.ofHours(1)), Duration.ofMinutes(5)),
                Fixtures.sdkAt(NOW.plus(Duration.ofHours(1))));
        for (SignedRequest request : cheap) {
            assertFalse(verifier.verify(request, keys).valid());
        }
        assertEquals(0, keys.calls());

        assertTrue(verifier.verify(Fixtures.aws4(), keys).valid());
        assertEquals(1, keys.calls());
        assertFalse(verifier.verify(Fixtures.aws4().toBuilder().rawQuery("b=9").build(), keys).valid());
        assertEquals(2, keys.calls(), "a signature mismatch is known only after the lookup");
    }

    @Test
    void resolverSeesWhatTheSignatureClaims() {
        AtomicReference<SignatureContext> seen = new AtomicReference<>();
        SignedRequest request = SIGNER.signAws4(Fixtures.unsigned().toBuilder()
                .header("X-Amz-Security-Token", "tok-123").build(), NOW, REGION, SERVICE).request();
        Verdict verdict = Fixtures.verifierAt(NOW).verify(request, (ak, ctx) -> {
            seen.set(ctx);
            return KeyResolution.found(AccessSecret.of(SK), "user-42");
        });
        Verdict.Verified ok = verified(verdict);
        assertEquals("user-42", ok.key());
        assertEquals(AK, seen.get().accessKeyId());
        assertEquals(REGION, seen.get().region());
        assertEquals(SERVICE, seen.get().service());
        assertEquals("tok-123", seen.get().securityToken());
        assertEquals(NOW, seen.get().signedAt());
        assertFalse(seen.get().presigned());
    }

    // ---- date window ----

    @ParameterizedTest
    @ValueSource(longs = {-900, 900, 0})
    void acceptsUpToFifteenMinutesEitherWay(long offsetSeconds) {
        Instant signedAt = NOW.plusSeconds(offsetSeconds);
        assertTrue(verify(Fixtures.aws4At(signedAt)).valid());
        assertTrue(verify(Fixtures.sdkAt(signedAt)).valid());
    }

    @ParameterizedTest
    @ValueSource(longs = {-901, 901})
    void refusesFifteenMinutesAndOneSecond(long offsetSeconds) {
        Instant signedAt = NOW.plusSeconds(offsetSeconds);
        assertEquals(ErrorCode.REQUEST_TIME_TOO_SKEWED, refusal(verify(Fixtures.aws4At(signedAt))));
        assertEquals(ErrorCode.REQUEST_TIME_TOO_SKEWED, refusal(verify(Fixtures.sdkAt(signedAt))));
    }

    @Test
    void presignedWindowRunsFromDateMinusSkewToDatePlusExpires() {
        Duration expires = Duration.ofMinutes(30);
        // Last valid second, then expired.
        assertTrue(verify(Fixtures.presignedAt(NOW.minus(expires), expires)).valid());
        Verdict expired = verify(Fixtures.presignedAt(NOW.minus(expires).minusSeconds(1), expires));
        assertEquals(ErrorCode.ACCESS_DENIED, refusal(expired));
        assertEquals("Request has expired", ((Verdict.Rejected) expired).description());
        // Signed in the future: up to 15 minutes.
        assertTrue(verify(Fixtures.presignedAt(NOW.plusSeconds(900), expires)).valid());
        assertEquals(ErrorCode.REQUEST_TIME_TOO_SKEWED,
                refusal(verify(Fixtures.presignedAt(NOW.plusSeconds(901), expires))));
        // A week-long URL is still good after six days.
        assertTrue(verify(Fixtures.presignedAt(NOW.minus(Duration.ofDays(6)), Duration.ofDays(7))).valid());
    }

    // ---- signing-key cache ----

    @Test
    void signingKeyIsDerivedOnceAndDroppedOnInvalidate() {
        SigningKeyCache cache = new SigningKeyCache();
        RequestVerifier verifier = new RequestVerifier(Clock.fixed(NOW, ZoneOffset.UTC), cache);
        TestKeys keys = Fixtures.keys();

        assertTrue(verifier.verify(Fixtures.aws4(), keys).valid());
        assertTrue(verifier.verify(Fixtures.aws4At(NOW.plusSeconds(5)), keys).valid());
        assertTrue(verifier.verify(Fixtures.presigned(), keys).valid());
        assertEquals(1, cache.derivations(), "same AK, date, region, service: one derivation");
        assertEquals(1, cache.size());

        SignedRequest otherService = SIGNER.signAws4(Fixtures.unsigned(), NOW, REGION, "sts").request();
        assertTrue(verifier.verify(otherService, keys).valid());
        assertEquals(2, cache.derivations());

        cache.invalidate(AK);
        assertEquals(0, cache.size());
        assertTrue(verifier.verify(Fixtures.aws4(), keys).valid());
        assertEquals(3, cache.derivations(), "derived again after invalidate");

        // SDK-HMAC-SHA256 signs with the SK itself: nothing to derive or cache.
        assertTrue(verifier.verify(Fixtures.sdk(), keys).valid());
        assertEquals(3, cache.derivations());
    }

    @Test
    void cachedKeyIsNotUsedWithAnotherSecret() {
        SigningKeyCache cache = new SigningKeyCache();
        RequestVerifier verifier = new RequestVerifier(Clock.fixed(NOW, ZoneOffset.UTC), cache);
        assertTrue(verifier.verify(Fixtures.aws4(), Fixtures.keys()).valid());
        // Same AK now resolving to another secret: the old signature must fail, the new one pass.
        TestKeys rotated = TestKeys.of(AK, "another-secret");
        assertEquals(ErrorCode.SIGNATURE_DOES_NOT_MATCH, refusal(verifier.verify(Fixtures.aws4(), rotated)));
        SignedRequest newlySigned = new RequestSigner(AK, AccessSecret.of("another-secret"))
                .signAws4(Fixtures.unsigned(), NOW, REGION, SERVICE).request();
        assertTrue(verifier.verify(newlySigned, rotated).valid());
        assertEquals(2, cache.derivations());
    }

    @Test
    void cacheIsBounded() {
        SigningKeyCache cache = new SigningKeyCache(2);
        RequestVerifier verifier = new RequestVerifier(Clock.fixed(NOW, ZoneOffset.UTC), cache);
        for (String service : List.of("a", "b", "c")) {
            assertTrue(verifier.verify(SIGNER.signAws4(Fixtures.unsigned(), NOW, REGION, service).request(),
                    Fixtures.keys()).valid());
        }
        assertEquals(2, cache.size());
        assertEquals(3, cache.derivations());
    }

    // ---- signer and verifier round trips ----

    @Test
    void sigV4HeaderWithSignedSecurityToken() {
        SignedRequest request = SIGNER.signAws4(Fixtures.unsigned().toBuilder()
                .header("X-Amz-Security-Token", "session/token+1==").build(), NOW, REGION, SERVICE).request();
        assertTrue(request.headers().first("authorization").contains("x-amz-security-token"));
        assertEquals("session/token+1==", verified(verify(request)).context().securityToken());
    }

    @Test
    void sigV4PresignedWithSecurityToken() {
        String token = "FQoG/ZXIvYXdz+EXAMPLE==";
        SignedRequest get = Fixtures.unsigned().toBuilder().method("GET").body(new byte[0]).build();
        RequestSigner.SigningResult result = SIGNER.presignAws4(get, NOW, REGION, SERVICE, Duration.ofHours(1), token);
        assertTrue(result.request().rawQuery().contains("X-Amz-Security-Token=FQoG%2FZXIvYXdz%2BEXAMPLE%3D%3D"));
        assertTrue(result.canonicalRequest().endsWith("\nUNSIGNED-PAYLOAD"));
        // The body is not signed in a presigned URL.
        SignedRequest withBody = result.request().toBuilder().body("anything".getBytes(StandardCharsets.UTF_8)).build();
        SignatureContext ctx = verified(verify(withBody)).context();
        assertTrue(ctx.presigned());
        assertEquals(token, ctx.securityToken());
        assertEquals(NOW.plus(Duration.ofHours(1)), ctx.expiresAt());
        assertEquals(SERVICE, ctx.service());
        // The token is signed: changing it breaks the signature.
        SignedRequest swapped = result.request().toBuilder()
                .rawQuery(result.request().rawQuery().replace("ZXIvYXdz", "ZXIvYXdZ")).build();
        assertEquals(ErrorCode.SIGNATURE_DOES_NOT_MATCH, refusal(verify(swapped)));
    }

    @Test
    void sigV4PresignedKeepsExistingQueryAndAcceptsSignatureAnywhere() {
        SignedRequest get = Fixtures.unsigned().toBuilder().method("GET").rawQuery("z=1&a=%7e").body(new byte[0]).build();
        SignedRequest presigned = SIGNER.presignAws4(get, NOW, REGION, SERVICE, Duration.ofMinutes(5), null).request();
        assertTrue(verify(presigned).valid());
        // Parameter order on the wire does not matter.
        String q = presigned.rawQuery();
        String signature = q.substring(q.indexOf("&X-Amz-Signature="));
        SignedRequest reordered = presigned.toBuilder().rawQuery(signature.substring(1) + "&" + q.replace(signature, "")).build();
        assertTrue(verify(reordered).valid());
    }

    @Test
    void sigV4WithSignedPayloadHashAndUnsignedPayload() {
        SignedRequest hashed = SIGNER.signAws4(Fixtures.unsigned().toBuilder()
                .header("X-Amz-Content-Sha256", Hashing.sha256HexOf(Fixtures.BODY)).build(), NOW, REGION, SERVICE)
                .request();
        assertTrue(verify(hashed).valid());

        SignedRequest unsignedPayload = SIGNER.signAws4(Fixtures.unsigned().toBuilder()
                .header("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD").build(), NOW, REGION, SERVICE).request();
        assertTrue(verify(unsignedPayload.toBuilder().body("changed".getBytes(StandardCharsets.UTF_8)).build()).valid());

        // Not signed: the header is ignored and the body's own hash is what was signed.
        SignedRequest unsignedHeader = Fixtures.aws4().toBuilder().header("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD").build();
        assertTrue(verify(unsignedHeader).valid());
        assertFalse(verify(unsignedHeader.toBuilder().body(new byte[0]).build()).valid());
    }

    @Test
    void sigV4WithDateHeaderFallback() {
        // No X-Amz-Date: the signed Date header gives the time, written in basic format in the string to sign.
        String httpDate = "Wed, 01 May 2024 10:00:00 GMT";
        String canonicalRequest = "POST\n/realms/demo/access-keys/whoami\na=1&b=2\n"
                + "content-type:application/json\ndate:" + httpDate + "\nhost:kc.example.com\n\n"
                + "content-type;date;host\n" + Hashing.sha256HexOf(Fixtures.BODY);
        String stringToSign = "AWS4-HMAC-SHA256\n20240501T100000Z\n20240501/us-east-1/iam/aws4_request\n"
                + Hashing.sha256Hex(canonicalRequest);
        String signature = Hex.encode(Hashing.hmacSha256(
                Aws4Rules.deriveSigningKey(AccessSecret.of(SK), "20240501", REGION, SERVICE), stringToSign));
        SignedRequest request = Fixtures.unsigned().toBuilder().header("Date", httpDate)
                .header("Authorization", Fixtures.aws4Authorization(Fixtures.aws4Credential(),
                        "content-type;date;host", signature)).build();
        assertEquals(NOW, verified(verify(request)).context().signedAt());

        SignedRequest otherDate = request.toBuilder().setHeader("Date", "Wed, 01 May 2024 10:00:01 GMT").build();
        assertEquals(ErrorCode.SIGNATURE_DOES_NOT_MATCH, refusal(verify(otherDate)));
    }

    @Test
    void sigV4PathIsNormalisedThenEncodedTwice() throws Rejection {
        assertEquals("/a%2520b/%25E1%2588%25B4", CanonicalPath.aws4("/a%20b/%E1%88%B4"));
        assertEquals("/a/c/", CanonicalPath.aws4("/a/./b/../c/"));
        assertEquals("/a/", CanonicalPath.aws4("/a/b/.."));
        assertEquals("/", CanonicalPath.aws4(""));
        assertEquals("/b", CanonicalPath.aws4("/../../b"));
        SignedRequest request = SIGNER.signAws4(Fixtures.unsigned().toBuilder().rawPath("//x/./y/../%7Euser%20name")
                .build(), NOW, REGION, SERVICE).request();
        assertTrue(verify(request).valid());
    }

    @Test
    void sdkPathAndQueryAreDecodedThenEncodedOnce() throws Rejection {
        assertEquals("/a%20b/%E1%88%B4/", CanonicalPath.sdk("/a%20b/%e1%88%b4"));
        assertEquals("/v1/x/./", CanonicalPath.sdk("/v1/x/."));
        assertEquals("/", CanonicalPath.sdk(""));
        assertEquals("a=2&a=1&b=%2B%20~&c=", QueryParameters.canonical(QueryParameters.parse("c&b=+%20%7e&a=2&&a=1"),
                null, SdkHmacRules.INSTANCE.canonicalQueryOrder()));
        SignedRequest request = SIGNER.signSdk(Fixtures.unsigned().toBuilder().rawPath("/v1/a%20b")
                .rawQuery("marker=x%2Fy&limit=2").build(), NOW).request();
        assertTrue(verify(request).valid());
    }

    /** Both sort by name; a repeated name's values: by value for SigV4, in the order sent for SDK-HMAC-SHA256. */
    @Test
    void canonicalQueryOrderIsASchemeRule() throws Rejection {
        List<QueryParameters.Parameter> query = QueryParameters.parse("tag=b&z=1&tag=a&tag=c&a=");
        assertEquals("a=&tag=a&tag=b&tag=c&z=1",
                QueryParameters.canonical(query, null, Aws4Rules.INSTANCE.canonicalQueryOrder()));
        assertEquals("a=&tag=b&tag=a&tag=c&z=1",
                QueryParameters.canonical(query, null, SdkHmacRules.INSTANCE.canonicalQueryOrder()));
    }

    @Test
    void sdkWithSecurityTokenAndUnsignedPayload() {
        SignedRequest request = SIGNER.signSdk(Fixtures.unsigned().toBuilder()
                .header("X-Security-Token", "huawei-token")
                .header("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD").build(), NOW).request();
        SignedRequest otherBody = request.toBuilder().body("other".getBytes(StandardCharsets.UTF_8)).build();
        Verdict.Verified ok = verified(verify(otherBody));
        assertEquals("huawei-token", ok.context().securityToken());
        assertNull(ok.context().region());
    }

    @Test
    void sdkWithoutHostSigned() {
        SignedRequest request = SIGNER.signSdk(Fixtures.unsigned(), NOW, List.of("x-sdk-date")).request();
        assertTrue(request.headers().first("authorization").contains("SignedHeaders=x-sdk-date,"));
        assertTrue(verify(request).valid());
    }

    @Test
    void headerValuesFollowEachSchemesWhitespaceRules() {
        SignedRequest spaced = Fixtures.unsigned().toBuilder().header("X-Note", "  a   b\t c  ").build();
        RequestSigner.SigningResult aws = SIGNER.signAws4(spaced, NOW, REGION, SERVICE);
        RequestSigner.SigningResult sdk = SIGNER.signSdk(spaced, NOW);
        assertTrue(aws.canonicalRequest().contains("\nx-note:a b c\n"));
        assertTrue(sdk.canonicalRequest().contains("\nx-note:a   b\t c\n"));
        assertTrue(verify(aws.request()).valid());
        assertTrue(verify(sdk.request()).valid());
    }

    // ---- secrecy ----

    @Test
    void secretsNeverAppearInText() {
        AccessSecret secret = AccessSecret.of(SK.toCharArray());
        assertFalse(secret.toString().contains(SK));
        assertFalse(KeyResolution.found(secret, "key").toString().contains(SK));
        assertFalse(SIGNER.toString().contains(SK));
        SignedRequest request = SIGNER.signAws4(Fixtures.unsigned().toBuilder()
                .header("X-Amz-Security-Token", "very-secret-token").build(), NOW, REGION, SERVICE).request();
        assertFalse(request.toString().contains("Signature="));
        String verdictText = verify(request).toString();
        assertFalse(verdictText.contains("very-secret-token"));
        assertFalse(verdictText.contains(SK));
        secret.destroy();
        assertFalse(new String(secret.bytes(), StandardCharsets.UTF_8).contains("wJal"));
    }

    @Test
    void onlySignatureMismatchCarriesCanonicalTexts() {
        Verdict.Rejected mismatch = assertInstanceOf(Verdict.Rejected.class,
                verify(Fixtures.aws4().toBuilder().rawQuery("b=3").build()));
        assertTrue(mismatch.canonicalRequest().startsWith("POST\n/realms/demo/access-keys/whoami\nb=3\n"));
        assertTrue(mismatch.stringToSign().startsWith("AWS4-HMAC-SHA256\n20240501T100000Z\n20240501/us-east-1/iam/aws4_request\n"));
        Verdict.Rejected skew = assertInstanceOf(Verdict.Rejected.class, verify(Fixtures.aws4At(NOW.minus(Duration.ofHours(1)))));
        assertNull(skew.canonicalRequest());
        assertNull(skew.stringToSign());
    }

    @Test
    void bodyHashSupplierIsNotCalledForCheapRejections() {
        AtomicReference<Integer> calls = new AtomicReference<>(0);
        SignedRequest request = Fixtures.aws4At(NOW.minus(Duration.ofHours(1))).toBuilder()
                .bodySha256(() -> {
                    calls.set(calls.get() + 1);
                    return Hashing.sha256(Fixtures.BODY);
                }).build();
        assertFalse(verify(request).valid());
        assertEquals(0, calls.get());
        SignedRequest good = Fixtures.aws4().toBuilder().bodySha256(() -> {
            calls.set(calls.get() + 1);
            return Hashing.sha256(Fixtures.BODY);
        }).build();
        assertTrue(verify(good).valid());
        assertEquals(1, calls.get());
    }

    @Test
    void headersFromAMultiValuedMapKeepOrderAndIgnoreCase() {
        RequestHeaders headers = RequestHeaders.of(java.util.Map.of("My-Header", List.of("v2", "v1")));
        assertEquals(List.of("v2", "v1"), headers.all("my-header"));
        assertEquals("v2", headers.first("MY-HEADER"));
        assertTrue(headers.all("absent").isEmpty());
    }
}
