package io.accesskeys.keycloak.signing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * SDK-HMAC-SHA256 (Huawei Cloud API gateway): the key is the SK itself, no credential scope, the date in
 * {@code X-Sdk-Date} (required and signed), {@code host} need not be signed, header values only trimmed,
 * canonical path decoded-then-encoded with a trailing '/', query sorted by name only (a name's values in the
 * order sent). {@code X-Sdk-Content-Sha256} (signed) may declare the payload hash, {@code UNSIGNED-PAYLOAD}
 * included, as the Huawei SDKs send it.
 */
final class SdkHmacRules extends SchemeRules {

    static final SdkHmacRules INSTANCE = new SdkHmacRules();
    static final String DATE_HEADER = "x-sdk-date";
    static final String CONTENT_HASH_HEADER = "x-sdk-content-sha256";
    private static final List<String> COMPONENTS = List.of("Access", "SignedHeaders", "Signature");

    private SdkHmacRules() {
    }

    @Override
    SigningScheme scheme() {
        return SigningScheme.SDK_HMAC_SHA256;
    }

    @Override
    String canonicalPath(String rawPath) throws Rejection {
        return CanonicalPath.sdk(rawPath);
    }

    @Override
    boolean collapsesHeaderWhitespace() {
        return false;
    }

    /**
     * Names sorted, each name's values kept in the order sent: the Huawei SDKs sign a name's values in the
     * order given ({@code ?tag=b&tag=a} as {@code tag=b&tag=a}).
     */
    @Override
    Comparator<QueryParameters.Parameter> canonicalQueryOrder() {
        return QueryParameters.BY_NAME;
    }

    @Override
    String contentHashHeader() {
        return CONTENT_HASH_HEADER;
    }

    @Override
    ParsedSignature parseAuthorization(String authorization, int from, SignedRequest request,
                                       CanonicalQuery canonicalQuery) throws Rejection {
        int[] at = SignatureFields.components(authorization, from, COMPONENTS);
        String accessKeyId = SignatureFields.accessKeyId(authorization.substring(at[0], at[1]));
        List<String> signedHeaders = SignatureFields.signedHeaders(authorization, at[2], at[3]);
        byte[] signature = SignatureFields.signature(authorization, at[4], at[5]);

        RequestHeaders headers = request.headers();
        String date = SignatureFields.singleHeader(headers, DATE_HEADER);
        if (date == null) {
            throw Rejection.incomplete("The X-Sdk-Date header is required.");
        }
        String timestamp = date.strip();
        Instant signedAt = SigningTime.parseBasic(timestamp, "X-Sdk-Date");
        if (!signedHeaders.contains(DATE_HEADER)) {
            throw Rejection.incomplete("X-Sdk-Date must be among the signed headers.");
        }
        SignatureFields.DeclaredPayload declared = SignatureFields.declaredPayload(headers, CONTENT_HASH_HEADER,
                signedHeaders);
        String token = SignatureFields.securityToken(headers, null);
        SignatureContext context = new SignatureContext(
                SigningScheme.SDK_HMAC_SHA256, accessKeyId, null, null, signedAt, null, token);
        return new ParsedSignature(this, context, timestamp, signedHeaders, signature, declared, canonicalQuery, null);
    }

    @Override
    void appendStringToSignHead(String timestamp, SignatureContext context, boolean parsedScope, Utf8Buffer out) {
        out.appendAscii(SigningScheme.SDK_HMAC_SHA256.wireName()).append('\n').appendAscii(timestamp).append('\n');
    }

    @Override
    byte[] signingKey(String timestamp, SignatureContext context, AccessSecret secret, SigningKeyCache cache) {
        return secret.bytes();
    }
}
