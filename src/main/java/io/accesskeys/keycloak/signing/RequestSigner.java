package io.accesskeys.keycloak.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Signs requests with one access key, using the verifier's own canonicalisation (for tests, benchmarks and
 * clients written in Java). Requests must carry a {@code Host} header for SigV4.
 */
public final class RequestSigner {

    /** What a signature produced: the signed request and the intermediate texts (no secret in them). */
    public record SigningResult(SignedRequest request, String canonicalRequest, String stringToSign,
                                String signature, String authorization) {
    }

    private final String accessKeyId;
    private final AccessSecret secret;

    /** A signer for this access key ID and secret. */
    public RequestSigner(String accessKeyId, AccessSecret secret) {
        try {
            this.accessKeyId = SignatureFields.accessKeyId(Objects.requireNonNull(accessKeyId, "accessKeyId"));
        } catch (Rejection e) {
            throw new IllegalArgumentException("malformed access key ID");
        }
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** SigV4 Authorization header signing every header present; adds X-Amz-Date if absent. */
    public SigningResult signAws4(SignedRequest request, Instant time, String region, String service) {
        return signAws4(request, time, region, service, null);
    }

    /**
     * SigV4 Authorization header.
     *
     * @param headersToSign header names to sign (any case), or null for every header present; {@code host}
     *                      and {@code x-amz-date} are always signed
     */
    public SigningResult signAws4(SignedRequest request, Instant time, String region, String service,
                                  Collection<String> headersToSign) {
        String timestamp = SigningTime.formatBasic(time);
        SignedRequest dated = withDateHeader(request, "X-Amz-Date", timestamp);
        requireHost(dated);
        List<String> signed = signedHeaders(dated, headersToSign, List.of("host", "x-amz-date"));
        SignatureContext context = new SignatureContext(SigningScheme.AWS4_HMAC_SHA256, accessKeyId,
                region, service, time, null, null);
        Signed s = sign(Aws4Rules.forService(service), dated, query(dated), null, signed, timestamp, context);
        String authorization = SigningScheme.AWS4_HMAC_SHA256.wireName() + " Credential=" + accessKeyId + '/'
                + Aws4Rules.scope(timestamp.substring(0, 8), region, service)
                + ", SignedHeaders=" + String.join(";", signed) + ", Signature=" + s.signature;
        return new SigningResult(dated.toBuilder().setHeader("Authorization", authorization).build(),
                s.canonicalRequest, s.stringToSign, s.signature, authorization);
    }

    /**
     * SigV4 presigned URL signing only {@code host}: appends the X-Amz-* parameters (and the security token,
     * if given) to the request's query; the payload is UNSIGNED-PAYLOAD.
     */
    public SigningResult presignAws4(SignedRequest request, Instant time, String region, String service,
                                     Duration expires, String securityToken) {
        requireHost(request);
        if (expires.toSeconds() < 1 || expires.toSeconds() > Aws4Rules.MAX_EXPIRES_SECONDS) {
            throw new IllegalArgumentException("expires must be 1 second to 7 days");
        }
        String timestamp = SigningTime.formatBasic(time);
        StringBuilder query = new StringBuilder();
        if (request.rawQuery() != null && !request.rawQuery().isEmpty()) {
            query.append(request.rawQuery()).append('&');
        }
        query.append("X-Amz-Algorithm=").append(SigningScheme.AWS4_HMAC_SHA256.wireName())
                .append("&X-Amz-Credential=").append(encode(accessKeyId + '/'
                        + Aws4Rules.scope(timestamp.substring(0, 8), region, service)))
                .append("&X-Amz-Date=").append(timestamp)
                .append("&X-Amz-Expires=").append(expires.toSeconds())
                .append("&X-Amz-SignedHeaders=host");
        if (securityToken != null) {
            query.append("&X-Amz-Security-Token=").append(encode(securityToken));
        }
        SignedRequest withParams = request.toBuilder().rawQuery(query.toString()).build();
        SignatureContext context = new SignatureContext(SigningScheme.AWS4_HMAC_SHA256, accessKeyId,
                region, service, time, time.plus(expires), securityToken);
        Signed s = sign(Aws4Rules.forService(service), withParams, query(withParams), Aws4Rules.SIGNATURE_PARAM,
                List.of("host"), timestamp, context);
        SignedRequest presigned = withParams.toBuilder()
                .rawQuery(query + "&" + Aws4Rules.SIGNATURE_PARAM + "=" + s.signature).build();
        return new SigningResult(presigned, s.canonicalRequest, s.stringToSign, s.signature, null);
    }

    /** SDK-HMAC-SHA256 signing every header present; adds X-Sdk-Date if absent. */
    public SigningResult signSdk(SignedRequest request, Instant time) {
        return signSdk(request, time, null);
    }

    /**
     * SDK-HMAC-SHA256.
     *
     * @param headersToSign header names to sign, or null for every header present; {@code x-sdk-date} is
     *                      always signed
     */
    public SigningResult signSdk(SignedRequest request, Instant time, Collection<String> headersToSign) {
        String timestamp = SigningTime.formatBasic(time);
        SignedRequest dated = withDateHeader(request, "X-Sdk-Date", timestamp);
        List<String> signed = signedHeaders(dated, headersToSign, List.of(SdkHmacRules.DATE_HEADER));
        SignatureContext context = new SignatureContext(SigningScheme.SDK_HMAC_SHA256, accessKeyId,
                null, null, time, null, null);
        Signed s = sign(SdkHmacRules.INSTANCE, dated, query(dated), null, signed, timestamp, context);
        String authorization = SigningScheme.SDK_HMAC_SHA256.wireName() + " Access=" + accessKeyId
                + ", SignedHeaders=" + String.join(";", signed) + ", Signature=" + s.signature;
        return new SigningResult(dated.toBuilder().setHeader("Authorization", authorization).build(),
                s.canonicalRequest, s.stringToSign, s.signature, authorization);
    }

    @Override
    public String toString() {
        return "RequestSigner[" + accessKeyId + "]";
    }

    private record Signed(String canonicalRequest, String stringToSign, String signature) {
    }

    private Signed sign(SchemeRules rules, SignedRequest request, List<QueryParameters.Parameter> query,
                        String excludedQueryName, List<String> signedHeaders, String timestamp,
                        SignatureContext context) {
        try {
            CanonicalRequest canonical = CanonicalRequest.prepare(rules, request,
                    QueryParameters.canonical(query, excludedQueryName, rules.canonicalQueryOrder()), signedHeaders);
            String payloadHash = SignatureFields.declaredPayloadHash(request.headers(), rules.contentHashHeader(),
                    signedHeaders);
            if (payloadHash == null) {
                payloadHash = excludedQueryName != null ? SignatureFields.UNSIGNED_PAYLOAD
                        : Hex.encode(request.bodySha256());
            }
            String canonicalRequest = canonical.render(payloadHash);
            String stringToSign = rules.stringToSign(timestamp, context, Hashing.sha256Hex(canonicalRequest));
            byte[] key = rules instanceof Aws4Rules
                    ? Aws4Rules.deriveSigningKey(secret, timestamp.substring(0, 8), context.region(),
                    context.service())
                    : secret.bytes();
            return new Signed(canonicalRequest, stringToSign, Hex.encode(Hashing.hmacSha256(key, stringToSign)));
        } catch (Rejection e) {
            throw new IllegalArgumentException("cannot sign this request: " + e.getMessage());
        }
    }

    private static List<QueryParameters.Parameter> query(SignedRequest request) {
        try {
            return QueryParameters.parse(request.rawQuery());
        } catch (Rejection e) {
            throw new IllegalArgumentException("cannot sign this request: " + e.getMessage());
        }
    }

    private static SignedRequest withDateHeader(SignedRequest request, String name, String timestamp) {
        String present = request.headers().first(name);
        if (present == null) {
            return request.toBuilder().header(name, timestamp).build();
        }
        if (!present.strip().equals(timestamp)) {
            throw new IllegalArgumentException(name + " header differs from the signing time");
        }
        return request;
    }

    private static void requireHost(SignedRequest request) {
        if (!request.headers().contains("host")) {
            throw new IllegalArgumentException("a Host header is required for SigV4");
        }
    }

    private static List<String> signedHeaders(SignedRequest request, Collection<String> wanted,
                                              List<String> always) {
        TreeSet<String> names = new TreeSet<>(always);
        if (wanted == null) {
            names.addAll(request.headers().names());
        } else {
            wanted.forEach(n -> names.add(RequestHeaders.lower(n)));
        }
        names.remove("authorization");
        return new ArrayList<>(names);
    }

    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        try {
            PercentEncoding.encodeLiteral(text, false, out);
        } catch (Rejection e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return out.toString();
    }
}
