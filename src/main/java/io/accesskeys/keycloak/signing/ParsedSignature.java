package io.accesskeys.keycloak.signing;

import java.util.List;

/**
 * A syntactically valid signature before any lookup: the scheme's rules, what it claims, and what the
 * canonical request needs.
 *
 * @param timestamp           the request time as written in the string to sign ({@code yyyyMMdd'T'HHmmss'Z'})
 * @param declaredPayload     the signed content-hash header's value, or null to sign the body's own hash
 * @param canonicalQuery      the canonical query string (for a presigned URL, without its signature)
 * @param fallbackPayloadHash a second payload hash to try when the first does not match, or null
 */
record ParsedSignature(
        SchemeRules rules,
        SignatureContext context,
        String timestamp,
        List<String> signedHeaders,
        byte[] signature,
        SignatureFields.DeclaredPayload declaredPayload,
        CanonicalQuery canonicalQuery,
        String fallbackPayloadHash) {

    /** The declared payload hash's text, or null. */
    String declaredPayloadHash() {
        return declaredPayload == null ? null : declaredPayload.hash();
    }
}
