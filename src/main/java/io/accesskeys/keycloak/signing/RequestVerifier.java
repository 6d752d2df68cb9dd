package io.accesskeys.keycloak.signing;

import io.accesskeys.keycloak.contract.ErrorCode;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies signed requests of both schemes. Cheap checks first (format, then the date window), then one
 * key lookup through the {@link SecretResolver}, then the signature, compared in constant time. Every
 * refusal is a {@link Verdict.Rejected}; exceptions escape only from the resolver or the body-hash supplier.
 * Thread-safe; create one per application and share it.
 */
public final class RequestVerifier {

    /** How far the signed time may be from the server clock (either way). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    private final Clock clock;
    private final SigningKeyCache cache;

    /** A verifier on the system UTC clock with a default-sized signing-key cache. */
    public RequestVerifier() {
        this(Clock.systemUTC(), new SigningKeyCache());
    }

    /** A verifier on the given clock and shared signing-key cache. */
    public RequestVerifier(Clock clock, SigningKeyCache cache) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** The signing-key cache, e.g. to {@link SigningKeyCache#invalidate(String)} a disabled key. */
    public SigningKeyCache cache() {
        return cache;
    }

    /**
     * Verifies one request.
     *
     * @param request  the request as received
     * @param resolver looks up the secret (per request, so it may capture the Keycloak session and realm)
     * @return {@link Verdict.Verified} or {@link Verdict.Rejected}
     */
    public <K> Verdict<K> verify(SignedRequest request, SecretResolver<K> resolver) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(resolver, "resolver");
        VerificationBuffers buffers = VerificationBuffers.borrow();
        try {
            return check(request, resolver, buffers);
        } catch (Rejection rejection) {
            return Verdict.Rejected.of(rejection.error(), rejection.getMessage());
        } finally {
            buffers.giveBack();
        }
    }

    private <K> Verdict<K> check(SignedRequest request, SecretResolver<K> resolver, VerificationBuffers buffers)
            throws Rejection {
        ParsedSignature parsed = SignatureParser.parse(request);
        SchemeRules rules = parsed.rules();
        // Canonicalising now refuses malformed URIs and absent signed headers before any lookup.
        CanonicalRequest canonical = CanonicalRequest.prepare(rules, request, parsed, buffers.canonicalRequest);
        SignatureContext context = parsed.context();
        checkTime(context);

        KeyResolution<K> resolution = Objects.requireNonNull(resolver.resolve(context.accessKeyId(), context), "resolution");
        if (resolution instanceof KeyResolution.Refused<K> refused) {
            return Verdict.Rejected.of(refused.error(), refused.description());
        }
        KeyResolution.Found<K> found = (KeyResolution.Found<K>) resolution;

        String declared = parsed.declaredPayloadHash();
        byte[] bodySha256 = null;
        String payloadHash = declared;
        if (payloadHash == null) {
            bodySha256 = request.bodySha256();
            payloadHash = Hex.encode(bodySha256);
        }
        // The string to sign stays bytes (hashed, then compared in constant time); it becomes text only if shown.
        Utf8Buffer stringToSign = buffers.stringToSign;
        rules.appendStringToSignHead(parsed.timestamp(), context, true, stringToSign);
        int hashAt = stringToSign.length();
        canonical.appendSha256Hex(payloadHash, stringToSign);
        byte[] signingKey = rules.signingKey(parsed.timestamp(), context, found.secret(), cache);
        boolean matches = Hashing.hmacSha256Matches(signingKey, stringToSign, parsed.signature());
        if (!matches && parsed.fallbackPayloadHash() != null) {
            stringToSign.setLength(hashAt);
            canonical.appendSha256Hex(parsed.fallbackPayloadHash(), stringToSign);
            matches = Hashing.hmacSha256Matches(signingKey, stringToSign, parsed.signature());
            if (matches) {
                payloadHash = parsed.fallbackPayloadHash();
            } else {
                // What is shown is the first attempt's string to sign.
                stringToSign.setLength(hashAt);
                canonical.appendSha256Hex(payloadHash, stringToSign);
            }
        }
        if (!matches) {
            return new Verdict.Rejected<>(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                    "The request signature we calculated does not match the signature you provided. "
                            + "Check your key and signing method.", canonical.render(payloadHash),
                    stringToSign.toString());
        }
        // The signature covers the declared hash; only now is it worth hashing the body to compare.
        boolean bodyChecked = declared == null ? request.bodyAvailable() : false;
        if (declared != null && !declared.equals(SignatureFields.UNSIGNED_PAYLOAD) && request.bodyAvailable()) {
            bodyChecked = true;
            bodySha256 = request.bodySha256();
            if (!MessageDigest.isEqual(parsed.declaredPayload().sha256(), bodySha256)) {
                return new Verdict.Rejected<>(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                        "The provided " + rules.contentHashHeader()
                                + " header does not match the hash of the request body.",
                        canonical.render(payloadHash), stringToSign.toString());
            }
        }
        if (payloadHash.equals(SignatureFields.UNSIGNED_PAYLOAD)) {
            bodyChecked = false;
        }
        return new Verdict.Verified<>(context, found.key(), parsed.signedHeaders(), payloadHash, bodyChecked);
    }

    private void checkTime(SignatureContext context) throws Rejection {
        Instant now = clock.instant();
        Instant signedAt = context.signedAt();
        if (!context.presigned()) {
            if (now.isAfter(signedAt.plus(MAX_CLOCK_SKEW)) || now.isBefore(signedAt.minus(MAX_CLOCK_SKEW))) {
                throw new Rejection(ErrorCode.REQUEST_TIME_TOO_SKEWED,
                        "The difference between the request time and the server's time is too large.");
            }
            return;
        }
        if (now.isBefore(signedAt.minus(MAX_CLOCK_SKEW))) {
            throw new Rejection(ErrorCode.REQUEST_TIME_TOO_SKEWED,
                    "The presigned URL's X-Amz-Date is too far in the future.");
        }
        if (now.isAfter(context.expiresAt())) {
            // AWS answers an expired presigned URL with 403 AccessDenied "Request has expired"; the contract's
            // RequestTimeTooSkewed means clock skew, so we keep AWS's answer here.
            throw new Rejection(ErrorCode.ACCESS_DENIED, "Request has expired");
        }
    }
}
