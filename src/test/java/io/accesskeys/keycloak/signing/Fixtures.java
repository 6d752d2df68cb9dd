package io.accesskeys.keycloak.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** A realistic request signed both ways, at a fixed time, for the behaviour tests. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    static final String AK = "AKIDEXAMPLE";
    static final String SK = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String REGION = "us-east-1";
    static final String SERVICE = "iam";
    static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
    static final RequestSigner SIGNER = new RequestSigner(AK, AccessSecret.of(SK));

    private Fixtures() {
    }

    static RequestVerifier verifierAt(Instant now) {
        return new RequestVerifier(Clock.fixed(now, ZoneOffset.UTC), new SigningKeyCache());
    }

    static TestKeys keys() {
        return TestKeys.of(AK, SK);
    }

    /** POST with a JSON body and a query, not yet signed. */
    static SignedRequest unsigned() {
        return SignedRequest.builder()
                .method("POST")
                .rawPath("/realms/demo/access-keys/whoami")
                .rawQuery("b=2&a=1")
                .header("Host", "kc.example.com")
                .header("Content-Type", "application/json")
                .body(BODY)
                .build();
    }

    static SignedRequest aws4() {
        return aws4At(NOW);
    }

    static SignedRequest aws4At(Instant time) {
        return SIGNER.signAws4(unsigned(), time, REGION, SERVICE).request();
    }

    static String aws4Authorization() {
        return aws4().headers().first("authorization");
    }

    static String aws4Signature() {
        String authz = aws4Authorization();
        return authz.substring(authz.indexOf("Signature=") + 10);
    }

    static String aws4Credential() {
        return AK + "/20240501/" + REGION + "/" + SERVICE + "/aws4_request";
    }

    /** The signed SigV4 request with its Authorization replaced. */
    static SignedRequest aws4WithAuthorization(String authorization) {
        return aws4().toBuilder().setHeader("Authorization", authorization).build();
    }

    /** An Authorization built from parts (the signature is the real one unless replaced). */
    static String aws4Authorization(String credential, String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }

    static SignedRequest presigned() {
        return presignedAt(NOW, Duration.ofMinutes(5));
    }

    static SignedRequest presignedAt(Instant time, Duration expires) {
        SignedRequest get = unsigned().toBuilder().method("GET").body(new byte[0]).build();
        return SIGNER.presignAws4(get, time, REGION, SERVICE, expires, null).request();
    }

    /** The presigned request with one text replaced in its raw query. */
    static SignedRequest presignedQueryReplaced(String from, String to) {
        SignedRequest p = presigned();
        if (!p.rawQuery().contains(from)) {
            throw new AssertionError("fixture query lacks " + from + ": " + p.rawQuery());
        }
        return p.toBuilder().rawQuery(p.rawQuery().replace(from, to)).build();
    }

    static SignedRequest sdk() {
        return sdkAt(NOW);
    }

    static SignedRequest sdkAt(Instant time) {
        return SIGNER.signSdk(unsigned(), time).request();
    }

    static String sdkAuthorization() {
        return sdk().headers().first("authorization");
    }
}
