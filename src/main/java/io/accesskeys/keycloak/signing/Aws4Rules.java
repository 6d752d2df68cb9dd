package io.accesskeys.keycloak.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * AWS Signature Version 4, with S3's path rule for service {@code s3} ({@link CanonicalPath#s3}) and the non-S3 rules
 * otherwise: credential scope {@code AK/date/region/service/aws4_request},
 * signing key derived by the HMAC chain, {@code host} always signed, date in {@code X-Amz-Date} (or
 * {@code Date}), header values trimmed with inner whitespace collapsed, path normalised then encoded.
 * Header and presigned-URL forms.
 */
final class Aws4Rules extends SchemeRules {

    static final Aws4Rules INSTANCE = new Aws4Rules(false);
    /** The same with S3's path rule, for a credential scope whose service is {@code s3}. */
    static final Aws4Rules S3 = new Aws4Rules(true);
    static final String S3_SERVICE = "s3";
    static final String TERMINATOR = "aws4_request";
    static final String CONTENT_HASH_HEADER = "x-amz-content-sha256";
    static final String SIGNATURE_PARAM = "X-Amz-Signature";
    static final long MAX_EXPIRES_SECONDS = 604_800;
    /** Any of these in the query marks a presigned-URL attempt. */
    static final List<String> PRESIGN_MARKERS =
            List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders");
    /** What every one of {@link #PRESIGN_MARKERS} starts with. */
    static final String PRESIGN_MARKER_PREFIX = "X-Amz-";
    private static final List<String> COMPONENTS = List.of("Credential", "SignedHeaders", "Signature");
    /** Credential-scope dates that passed their check: the same one or two on nearly every request. */
    private static final RecentlyChecked<String> SCOPE_DATES = new RecentlyChecked<>(8);
    /** Regions and services that passed their check (the same rule for both): a few on nearly every request. */
    private static final RecentlyChecked<String> SCOPE_PARTS = new RecentlyChecked<>(64);

    private final boolean s3;

    private Aws4Rules(boolean s3) {
        this.s3 = s3;
    }

    /** S3's rules for service {@code s3}, the generic ones for any other. */
    static Aws4Rules forService(String service) {
        return S3_SERVICE.equals(service) ? S3 : INSTANCE;
    }

    /** The parsed {@code AK/yyyymmdd/region/service/aws4_request}. */
    record Credential(String accessKeyId, String date, String region, String service) {
    }

    @Override
    SigningScheme scheme() {
        return SigningScheme.AWS4_HMAC_SHA256;
    }

    @Override
    String canonicalPath(String rawPath) throws Rejection {
        return s3 ? CanonicalPath.s3(rawPath) : CanonicalPath.aws4(rawPath);
    }

    @Override
    boolean collapsesHeaderWhitespace() {
        return true;
    }

    /** Repeated names sorted by value too ({@code get-vanilla-query-order-value}). */
    @Override
    Comparator<QueryParameters.Parameter> canonicalQueryOrder() {
        return QueryParameters.BY_NAME_THEN_VALUE;
    }

    @Override
    String contentHashHeader() {
        return CONTENT_HASH_HEADER;
    }

    @Override
    ParsedSignature parseAuthorization(String authorization, int from, SignedRequest request,
                                       CanonicalQuery canonicalQuery) throws Rejection {
        int[] at = SignatureFields.components(authorization, from, COMPONENTS);
        Credential credential = credential(authorization, at[0], at[1]);
        List<String> signedHeaders = SignatureFields.signedHeaders(authorization, at[2], at[3]);
        byte[] signature = SignatureFields.signature(authorization, at[4], at[5]);
        requireSigned(signedHeaders, "host");

        RequestHeaders headers = request.headers();
        String amzDate = SignatureFields.singleHeader(headers, "x-amz-date");
        String timestamp;
        Instant signedAt;
        if (amzDate != null) {
            timestamp = amzDate.strip();
            signedAt = SigningTime.parseBasic(timestamp, "X-Amz-Date");
            requireSigned(signedHeaders, "x-amz-date");
        } else {
            // AWS falls back to the HTTP Date header; the string to sign then carries it in basic format.
            String httpDate = SignatureFields.singleHeader(headers, "date");
            if (httpDate == null) {
                throw Rejection.incomplete("Authorization header requires an X-Amz-Date or Date header.");
            }
            signedAt = SigningTime.parseHttpDate(httpDate);
            timestamp = SigningTime.formatBasic(signedAt);
            requireSigned(signedHeaders, "date");
        }
        requireScopeDate(credential, timestamp);
        SignatureFields.DeclaredPayload declared = SignatureFields.declaredPayload(headers, CONTENT_HASH_HEADER,
                signedHeaders);
        String token = SignatureFields.securityToken(headers, null);
        SignatureContext context = new SignatureContext(SigningScheme.AWS4_HMAC_SHA256, credential.accessKeyId(),
                credential.region(), credential.service(), signedAt, null, token);
        return new ParsedSignature(forService(credential.service()), context, timestamp, signedHeaders, signature,
                declared, canonicalQuery, null);
    }

    /** The presigned-URL form: every parameter exactly once, X-Amz-Signature left out of the canonical query. */
    ParsedSignature parsePresigned(SignedRequest request, List<QueryParameters.Parameter> query) throws Rejection {
        String algorithm = requiredParam(query, "X-Amz-Algorithm");
        if (!algorithm.equals(SigningScheme.AWS4_HMAC_SHA256.wireName())) {
            throw Rejection.incomplete("X-Amz-Algorithm must be AWS4-HMAC-SHA256.");
        }
        Credential credential = credential(requiredParam(query, "X-Amz-Credential"));
        String timestamp = requiredParam(query, "X-Amz-Date");
        Instant signedAt = SigningTime.parseBasic(timestamp, "X-Amz-Date");
        long expires = expiresSeconds(requiredParam(query, "X-Amz-Expires"));
        List<String> signedHeaders = SignatureFields.signedHeaders(requiredParam(query, "X-Amz-SignedHeaders"));
        byte[] signature = SignatureFields.signature(requiredParam(query, SIGNATURE_PARAM));
        requireSigned(signedHeaders, "host");
        requireScopeDate(credential, timestamp);

        String tokenParam = optionalParam(query, "X-Amz-Security-Token");
        String token = SignatureFields.securityToken(request.headers(), tokenParam);
        SignatureFields.DeclaredPayload declared = SignatureFields.declaredPayload(request.headers(),
                CONTENT_HASH_HEADER, signedHeaders);
        // Presigners differ: non-S3 ones (the AWS SDKs for other services) sign the body's hash, S3-style ones sign
        // UNSIGNED-PAYLOAD. Without a declared hash, the body's hash is tried first, then UNSIGNED-PAYLOAD.
        String fallback = declared == null ? SignatureFields.UNSIGNED_PAYLOAD : null;
        SignatureContext context = new SignatureContext(SigningScheme.AWS4_HMAC_SHA256, credential.accessKeyId(),
                credential.region(), credential.service(), signedAt, signedAt.plus(Duration.ofSeconds(expires)),
                token);
        return new ParsedSignature(forService(credential.service()), context, timestamp, signedHeaders, signature,
                declared, CanonicalQuery.of(QueryParameters.canonical(query, SIGNATURE_PARAM, canonicalQueryOrder())),
                fallback);
    }

    @Override
    void appendStringToSignHead(String timestamp, SignatureContext context, boolean parsedScope, Utf8Buffer out) {
        // The timestamp is ASCII (checked, or formatted by the signer); region and service only when parsed.
        out.appendAscii(SigningScheme.AWS4_HMAC_SHA256.wireName()).append('\n').appendAscii(timestamp).append('\n')
                .appendAscii(timestamp, 0, 8).append('/');
        if (parsedScope) {
            out.appendAscii(context.region()).append('/').appendAscii(context.service());
        } else {
            out.append(context.region()).append('/').append(context.service());
        }
        out.append('/').appendAscii(TERMINATOR).append('\n');
    }

    @Override
    byte[] signingKey(String timestamp, SignatureContext context, AccessSecret secret, SigningKeyCache cache) {
        // The scope date of the string to sign (the credential's, checked against the timestamp): no date formatting.
        String date = SCOPE_DATES.recent(timestamp, 0, 8);
        return cache.signingKey(context.accessKeyId(), secret, date != null ? date : timestamp.substring(0, 8),
                context.region(), context.service());
    }

    static String scope(String date, String region, String service) {
        return appendScope(new StringBuilder(64), date, region, service).toString();
    }

    /** {@code yyyymmdd/region/service/aws4_request}, the date taken from the first 8 characters of {@code date}. */
    private static StringBuilder appendScope(StringBuilder out, String date, String region, String service) {
        return out.append(date, 0, 8).append('/').append(region).append('/').append(service).append('/')
                .append(TERMINATOR);
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + SK, date), region), service), "aws4_request"). */
    static byte[] deriveSigningKey(AccessSecret secret, String date, String region, String service) {
        byte[] sk = secret.bytes();
        byte[] seed = new byte[4 + sk.length];
        System.arraycopy("AWS4".getBytes(StandardCharsets.US_ASCII), 0, seed, 0, 4);
        System.arraycopy(sk, 0, seed, 4, sk.length);
        try {
            byte[] key = Hashing.hmacSha256(seed, date);
            key = Hashing.hmacSha256(key, region);
            key = Hashing.hmacSha256(key, service);
            return Hashing.hmacSha256(key, TERMINATOR);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    static Credential credential(String text) throws Rejection {
        return credential(text, 0, text.length());
    }

    /** {@link #credential(String)} of {@code text[from, to)}. */
    static Credential credential(String text, int from, int to) throws Rejection {
        // Four '/' and the terminator last; the parts found by index (no split: this runs on every request).
        int date = slashAfter(text, from, to);
        int region = date == 0 ? 0 : slashAfter(text, date, to);
        int service = region == 0 ? 0 : slashAfter(text, region, to);
        int terminator = service == 0 ? 0 : slashAfter(text, service, to);
        if (terminator == 0 || to - terminator != TERMINATOR.length() || !text.startsWith(TERMINATOR, terminator)) {
            throw Rejection.incomplete("Credential must have the form AK/yyyymmdd/region/service/aws4_request.");
        }
        String accessKeyId = SignatureFields.accessKeyId(text.substring(from, date - 1));
        // A kept date, region or service passed its check before: the usual ones are neither copied nor checked.
        String scopeDate = SCOPE_DATES.recent(text, date, region - 1);
        if (scopeDate == null) {
            scopeDate = text.substring(date, region - 1);
            SigningTime.checkScopeDate(scopeDate);
            SCOPE_DATES.keep(scopeDate, scopeDate);
        }
        return new Credential(accessKeyId, scopeDate, scopePart(text, region, service - 1, "region"),
                scopePart(text, service, terminator - 1, "service"));
    }

    /** {@link SignatureFields#scopePart} of {@code text[from, to)}, kept or checked and kept. */
    private static String scopePart(String text, int from, int to, String what) throws Rejection {
        String part = SCOPE_PARTS.recent(text, from, to);
        if (part == null) {
            part = SignatureFields.scopePart(text.substring(from, to), what);
            SCOPE_PARTS.keep(part, part);
        }
        return part;
    }

    /** The index after the next '/' in {@code text[from, to)}, or 0 if there is none. */
    private static int slashAfter(String text, int from, int to) {
        int slash = text.indexOf('/', from);
        return slash < 0 || slash >= to ? 0 : slash + 1;
    }

    private static void requireScopeDate(Credential credential, String timestamp) throws Rejection {
        if (!timestamp.startsWith(credential.date())) {
            throw Rejection.incomplete("The credential scope date does not match the date of the request.");
        }
    }

    private static void requireSigned(List<String> signedHeaders, String name) throws Rejection {
        if (!signedHeaders.contains(name)) {
            throw Rejection.incomplete("'" + name + "' must be among the signed headers.");
        }
    }

    private static long expiresSeconds(String text) throws Rejection {
        if (text.isEmpty() || text.length() > 7 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Rejection.incomplete("X-Amz-Expires must be a number of seconds.");
        }
        long seconds = Long.parseLong(text);
        if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
            throw Rejection.incomplete("X-Amz-Expires must be between 1 and 604800 seconds.");
        }
        return seconds;
    }

    private static String requiredParam(List<QueryParameters.Parameter> query, String name) throws Rejection {
        String value = optionalParam(query, name);
        if (value == null || value.isEmpty()) {
            throw Rejection.incomplete("Query parameter " + name + " is required in a presigned URL.");
        }
        return value;
    }

    private static String optionalParam(List<QueryParameters.Parameter> query, String name) throws Rejection {
        List<String> values = QueryParameters.values(query, name);
        if (values.size() > 1) {
            throw Rejection.incomplete("Query parameter " + name + " must not be repeated.");
        }
        return values.isEmpty() ? null : PercentEncoding.decodeUtf8(values.get(0));
    }
}
