package io.accesskeys.keycloak.verification;

import java.time.Instant;

import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.credential.RoleSet;
import io.accesskeys.keycloak.signing.AccessSecret;
import io.accesskeys.keycloak.signing.KeyResolution;
import io.accesskeys.keycloak.signing.SignatureContext;
import io.accesskeys.keycloak.temporary.TemporaryKeys;
import io.accesskeys.keycloak.temporary.TemporaryRevocation;
import io.accesskeys.keycloak.temporary.TemporaryToken;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Finds the secret of a temporary key in its security token. A token that is missing, altered or of another key or
 * realm gives no secret at all; a token that opens gives its secret, and the key is refused (once its signature
 * verified) when it has expired or was revoked, or when its user is gone, disabled or no longer linked to the
 * identity provider it came through.
 */
final class TemporaryKeyResolver {

    private TemporaryKeyResolver() {
    }

    static KeyResolution<ResolvedKey> resolve(KeycloakSession session, RealmModel realm, SignatureContext context) {
        if (context.securityToken() == null || context.securityToken().isEmpty()) {
            return KeyResolution.refused(ErrorCode.INVALID_TOKEN,
                    "A temporary access key needs its security token (X-Security-Token or X-Amz-Security-Token).");
        }
        TemporaryToken.Claims claims;
        try {
            claims = TemporaryKeys.open(session, realm, context.accessKeyId(), context.securityToken());
        } catch (TemporaryToken.InvalidTokenException e) {
            return KeyResolution.refused(ErrorCode.INVALID_TOKEN, "The security token is invalid.");
        }
        UserModel user = session.users().getUserById(realm, claims.userId());
        ResolvedKey key = new ResolvedKey(user, context.accessKeyId(), ResolvedKey.KeyType.TEMPORARY,
                Instant.ofEpochMilli(claims.expiresAt()), claims.identityProvider(), null,
                claims.role() == null ? null : new TemporaryKeys.AssumedRole(claims.role(), claims.roleSessionName()),
                // A key from STS acts with the role it assumed, and only while its user still holds it.
                claims.role() == null ? null : RoleSet.ofRealm(claims.role()));
        return KeyResolution.found(AccessSecret.of(claims.secret()), withState(session, realm, key, claims));
    }

    private static ResolvedKey withState(KeycloakSession session, RealmModel realm, ResolvedKey key,
                                         TemporaryToken.Claims claims) {
        if (Time.currentTimeMillis() >= claims.expiresAt()) {
            return key.refusedFor(ErrorCode.EXPIRED_TOKEN, "The security token has expired.");
        }
        UserModel user = key.user();
        if (user == null) {
            return key.refusedFor(ErrorCode.INVALID_TOKEN, "The security token's user no longer exists.");
        }
        if (!user.isEnabled()) {
            return key.refusedFor(ErrorCode.ACCESS_DENIED, "The key's user is disabled.");
        }
        if (claims.identityProvider() != null
                && session.users().getFederatedIdentity(realm, user, claims.identityProvider()) == null) {
            return key.refusedFor(ErrorCode.INVALID_TOKEN,
                    "The user is no longer linked to the identity provider the key was issued through.");
        }
        if (TemporaryRevocation.revoked(session, realm, user, claims.issuedAt())) {
            return key.refusedFor(ErrorCode.INVALID_TOKEN, "The security token was revoked.");
        }
        return key;
    }
}
