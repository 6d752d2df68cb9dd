package io.accesskeys.keycloak.verification;

import java.time.Instant;
import java.util.List;

import io.accesskeys.keycloak.credential.RoleSet;
import io.accesskeys.keycloak.signing.SignatureContext;
import org.keycloak.models.UserModel;

/**
 * Who signed a request that verified, and what the signature covered.
 *
 * @param host          the host the signature was checked against
 * @param signedHeaders the lower-case names of the signed headers
 * @param payloadHash   the payload hash the signature covers: 64 hex digits, or {@code UNSIGNED-PAYLOAD}
 * @param bodyChecked   whether that hash was compared with the body (false when the body was not at hand)
 */
public record VerifiedKey(ResolvedKey key, SignatureContext signature, String host, List<String> signedHeaders,
                          String payloadHash, boolean bodyChecked) {

    /** Whether the signature covers a hash of the body (false for {@code UNSIGNED-PAYLOAD}). */
    public boolean payloadSigned() {
        return !payloadHash.equals("UNSIGNED-PAYLOAD");
    }

    /** Whether the body that came with the request is the one signed: its hash is signed and was checked. */
    public boolean payloadVerified() {
        return payloadSigned() && bodyChecked;
    }

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

    /** Whether the key is limited to chosen roles (a scoped key, a key from STS). */
    public boolean scoped() {
        return key.scope() != null;
    }

    /** {@link ResolvedKey#effectiveRoles()}: call it once per request. */
    public RoleSet roles() {
        return key.effectiveRoles();
    }

    /** Whether the signature came in a presigned URL. */
    public boolean presigned() {
        return signature.presigned();
    }
}
