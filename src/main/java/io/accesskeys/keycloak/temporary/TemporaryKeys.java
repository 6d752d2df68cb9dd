package io.accesskeys.keycloak.temporary;

import java.time.Instant;

import io.accesskeys.keycloak.credential.AccessKeyFormat;
import io.accesskeys.keycloak.sealing.RealmSecretKeys;
import io.accesskeys.keycloak.sealing.SecretCipher;
import io.accesskeys.keycloak.sealing.SecretUnavailableException;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Issues temporary keys and opens their tokens; nothing is stored. */
public final class TemporaryKeys {

    private TemporaryKeys() {
    }

    /** A new temporary key: shown once, never stored. */
    public record Issued(String accessKeyId, char[] secret, String securityToken, Instant expiration) {

        @Override
        public String toString() {
            return "Issued[" + accessKeyId + ", expires " + expiration + "]";
        }
    }

    public static Issued issue(KeycloakSession session, RealmModel realm, UserModel user, String identityProvider,
                               int durationSeconds) {
        return issue(session, realm, user, identityProvider, durationSeconds, null);
    }

    /** An assumed role (STS): the realm role and the role session name that the key's token carries. */
    public record AssumedRole(String role, String sessionName) {
    }

    /** A temporary key that carries {@code assumedRole} in its token (null for none). */
    public static Issued issue(KeycloakSession session, RealmModel realm, UserModel user, String identityProvider,
                               int durationSeconds, AssumedRole assumedRole) {
        long now = Time.currentTimeMillis();
        long expires = now + durationSeconds * 1000L;
        String accessKeyId = AccessKeyFormat.newTemporaryAccessKeyId();
        char[] secret = AccessKeyFormat.newSecret();
        var claims = new TemporaryToken.Claims(accessKeyId, realm.getId(), user.getId(), identityProvider, now, expires, secret,
                assumedRole == null ? null : assumedRole.role(), assumedRole == null ? null : assumedRole.sessionName());
        SecretCipher.Sealed sealed = RealmSecretKeys.seal(session, realm, SecretCipher.TEMPORARY_TOKENS,
                TemporaryToken.associatedData(realm.getId(), accessKeyId), TemporaryToken.encode(claims));
        return new Issued(accessKeyId, secret, TemporaryToken.format(sealed), Instant.ofEpochMilli(expires));
    }

    /** The claims of {@code token} presented with {@code accessKeyId} in {@code realm}; throws when it does not open. */
    public static TemporaryToken.Claims open(KeycloakSession session, RealmModel realm, String accessKeyId, String token) {
        SecretCipher.Sealed sealed = TemporaryToken.parse(token);
        byte[] payload;
        try {
            payload = RealmSecretKeys.open(session, realm, SecretCipher.TEMPORARY_TOKENS,
                    TemporaryToken.associatedData(realm.getId(), accessKeyId), sealed);
        } catch (SecretUnavailableException e) {
            throw new TemporaryToken.InvalidTokenException("The security token does not belong to this key and realm");
        }
        TemporaryToken.Claims claims = TemporaryToken.decode(payload);
        if (!claims.accessKeyId().equals(accessKeyId) || !claims.realmId().equals(realm.getId())) {
            throw new TemporaryToken.InvalidTokenException("The security token does not belong to this key and realm");
        }
        return claims;
    }
}
