package io.accesskeys.keycloak.verification;

import java.time.Instant;

import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.credential.KeyRoles;
import io.accesskeys.keycloak.credential.RoleSet;
import io.accesskeys.keycloak.temporary.TemporaryKeys;
import org.keycloak.models.UserModel;

/**
 * A key found for a signature, before the signature is checked: its user, what kind of key it is and, when its state
 * forbids signing, why. The refusal is reported only if the signature verifies (no state oracle).
 *
 * @param user             the key's user; null only when {@code refusal} says why there is none
 * @param expiration       when a temporary key expires; null for permanent keys
 * @param identityProvider the identity provider a temporary key was issued through; null for local sessions and
 *                         permanent keys
 * @param refusal          why the key may not sign, or null when it may
 * @param assumedRole      the realm role a temporary key from STS assumed, with its session name; null otherwise
 * @param scope            the roles the key is limited to (a scoped permanent key's choice, an STS key's role); null
 *                         for a key that acts with all its user's roles
 */
public record ResolvedKey(UserModel user, String accessKeyId, KeyType type, Instant expiration,
                          String identityProvider, Refusal refusal, TemporaryKeys.AssumedRole assumedRole,
                          RoleSet scope) {

    public ResolvedKey(UserModel user, String accessKeyId, KeyType type, Instant expiration, String identityProvider,
                       Refusal refusal) {
        this(user, accessKeyId, type, expiration, identityProvider, refusal, null, null);
    }

    /** Permanent keys are stored credentials; temporary keys live only in their security token. */
    public enum KeyType {
        PERMANENT, TEMPORARY
    }

    /** Why a key whose signature verified may still not sign. */
    public record Refusal(ErrorCode error, String description) {
    }

    public ResolvedKey refusedFor(ErrorCode error, String description) {
        return refusal != null ? this
                : new ResolvedKey(user, accessKeyId, type, expiration, identityProvider, new Refusal(error, description),
                        assumedRole, scope);
    }

    /**
     * The roles the key acts with now: its scope's roles that the user still holds, or all the user's roles. Computed
     * from Keycloak's cached user and realm on each call.
     */
    public RoleSet effectiveRoles() {
        return KeyRoles.effective(user, scope);
    }
}
