package io.accesskeys.keycloak.temporary;

import java.time.Instant;

import io.accesskeys.keycloak.signing.AccessSecret;
import io.accesskeys.keycloak.signing.KeyResolution;
import io.accesskeys.keycloak.signing.SignatureContext;
import io.accesskeys.keycloak.signing.SignatureError;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Finds the secret of a temporary key in its security token, and refuses the key when the token is missing, altered,
 * of another key or realm, expired, revoked, or when its user is gone, disabled or no longer linked to the identity
 * provider it came through.
 */
public final class TemporaryKeyResolver {

    private TemporaryKeyResolver() {
    }

    /** A resolved temporary key: its user and its expiry. */
    public record Resolved(UserModel user, Instant expiration) {
    }

    public static KeyResolution resolve(KeycloakSession session, RealmModel realm, SignatureContext context) {
        if (context.securityToken() == null || context.securityToken().isEmpty()) {
            return KeyResolution.refused(SignatureError.INVALID_TOKEN,
                    "A temporary access key needs its security token (X-Security-Token or X-Amz-Security-Token).");
        }
        TemporaryToken.Claims claims;
        try {
            claims = TemporaryKeys.open(session, realm, context.accessKeyId(), context.securityToken());
        } catch (TemporaryToken.InvalidTokenException e) {
            return KeyResolution.refused(SignatureError.INVALID_TOKEN, "The security token is invalid.");
        }
        if (Time.currentTimeMillis() >= claims.expiresAt()) {
            return KeyResolution.refused(SignatureError.EXPIRED_TOKEN, "The security token has expired.");
        }
        UserModel user = session.users().getUserById(realm, claims.userId());
        if (user == null) {
            return KeyResolution.refused(SignatureError.INVALID_TOKEN, "The security token's user no longer exists.");
        }
        if (!user.isEnabled()) {
            return KeyResolution.refused(SignatureError.ACCESS_DENIED, "The key's user is disabled.");
        }
        if (claims.identityProvider() != null
                && session.users().getFederatedIdentity(realm, user, claims.identityProvider()) == null) {
            return KeyResolution.refused(SignatureError.INVALID_TOKEN,
                    "The user is no longer linked to the identity provider the key was issued through.");
        }
        if (TemporaryRevocation.revoked(session, realm, user, claims.issuedAt())) {
            return KeyResolution.refused(SignatureError.INVALID_TOKEN, "The security token was revoked.");
        }
        return KeyResolution.found(AccessSecret.of(claims.secret()),
                new Resolved(user, Instant.ofEpochMilli(claims.expiresAt())));
    }
}
