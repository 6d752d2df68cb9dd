package io.accesskeys.keycloak.verification;

import java.time.Instant;

import io.accesskeys.keycloak.signing.SignatureContext;
import org.keycloak.models.UserModel;

/**
 * Who signed a request that verified: the key's user, the key and how it signed.
 *
 * @param expiration when a temporary key expires; null for permanent keys
 */
public record VerifiedKey(UserModel user, String accessKeyId, KeyType keyType, Instant expiration, SignatureContext signature) {

    /** Permanent keys are stored credentials; temporary keys live only in their security token. */
    public enum KeyType {
        PERMANENT, TEMPORARY
    }
}
