package io.accesskeys.keycloak.signing;

import java.time.Instant;
import java.util.Objects;

/**
 * What a well-formed signature claims, known before the key is looked up: handed to the
 * {@link SecretResolver} and returned in a successful {@link Verdict}.
 *
 * @param scheme        the signing scheme
 * @param accessKeyId   the access key ID (AK) that signed
 * @param region        the SigV4 credential scope region; null for SDK-HMAC-SHA256
 * @param service       the SigV4 credential scope service; null for SDK-HMAC-SHA256
 * @param signedAt      the request time the client signed
 * @param expiresAt     for a presigned URL, the end of its validity; otherwise null
 * @param securityToken the security token presented (temporary keys), or null
 */
public record SignatureContext(
        SigningScheme scheme,
        String accessKeyId,
        String region,
        String service,
        Instant signedAt,
        Instant expiresAt,
        String securityToken) {

    public SignatureContext {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(signedAt, "signedAt");
    }

    /** Whether the signature came in a presigned URL rather than an Authorization header. */
    public boolean presigned() {
        return expiresAt != null;
    }

    @Override
    public String toString() {
        // The token is a credential part: say only whether there is one.
        return "SignatureContext[scheme=" + scheme.wireName() + ", accessKeyId=" + accessKeyId
                + ", region=" + region + ", service=" + service + ", signedAt=" + signedAt
                + ", expiresAt=" + expiresAt + ", securityToken=" + (securityToken == null ? "none" : "present")
                + "]";
    }
}
