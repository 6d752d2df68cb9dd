package io.accesskeys.keycloak.verification;

import java.time.Instant;
import java.util.List;

import io.accesskeys.keycloak.signing.SignatureContext;
import org.keycloak.models.UserModel;

/**
 * Who signed a request that verified, and what the signature covered.
 *
 * @param host          the host the signature was checked against
 * @param signedHeaders the lower-case names of the signed headers
 * @param payloadSigned whether the signature covers the body
 */
public record VerifiedKey(ResolvedKey key, SignatureContext signature, String host, List<String> signedHeaders,
                          boolean payloadSigned) {

    public UserModel user() {
        return key.user();
    }

    public String accessKeyId() {
        return key.accessKeyId();
    }

    public ResolvedKey.KeyType keyType() {
        return key.type();
    }

    /** When a temporary key expires; null for permanent keys. */
    public Instant expiration() {
        return key.expiration();
    }

    /** Whether the signature came in a presigned URL. */
    public boolean presigned() {
        return signature.presigned();
    }
}
