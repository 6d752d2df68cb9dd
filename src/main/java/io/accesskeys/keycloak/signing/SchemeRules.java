package io.accesskeys.keycloak.signing;

import java.util.Comparator;
import java.util.List;

/** What differs between the two schemes once the shared canonicalisation is done. */
abstract sealed class SchemeRules permits Aws4Rules, SdkHmacRules {

    abstract SigningScheme scheme();

    abstract String canonicalPath(String rawPath) throws Rejection;

    abstract boolean collapsesHeaderWhitespace();

    /** The order of the canonical query's parameters (applied with a stable sort). */
    abstract Comparator<QueryParameters.Parameter> canonicalQueryOrder();

    /** The lower-case name of the header that may declare the payload hash. */
    abstract String contentHashHeader();

    /** Parses the (stripped) Authorization header's parameters, from index {@code from} (after the scheme name). */
    abstract ParsedSignature parseAuthorization(String authorization, int from, SignedRequest request,
                                                CanonicalQuery canonicalQuery) throws Rejection;

    /**
     * Appends the string to sign up to the canonical request's hash (its last line) to {@code out};
     * {@code parsedScope}: the context's region and service were parsed from a signature (checked ASCII), not given
     * to a signer.
     */
    abstract void appendStringToSignHead(String timestamp, SignatureContext context, boolean parsedScope,
                                         Utf8Buffer out);

    final String stringToSign(String timestamp, SignatureContext context, String canonicalRequestSha256Hex) {
        Utf8Buffer out = new Utf8Buffer(160);
        appendStringToSignHead(timestamp, context, false, out);
        return out.appendAscii(canonicalRequestSha256Hex).toString();
    }

    /** The HMAC key for the final signature step; {@code timestamp} as in the string to sign. */
    abstract byte[] signingKey(String timestamp, SignatureContext context, AccessSecret secret, SigningKeyCache cache);
}
