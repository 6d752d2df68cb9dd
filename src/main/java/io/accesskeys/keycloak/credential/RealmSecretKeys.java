package io.accesskeys.keycloak.credential;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Seals and opens secrets with the realm's own AES keys (the {@code aes-generated} provider, use ENC). New secrets
 * use the active key; old ones open with the key named in them while it stays enabled (active or passive), so a
 * realm key rotation loses nothing, and a realm export carries the keys its secrets need.
 */
public final class RealmSecretKeys {

    private RealmSecretKeys() {
    }

    public static SecretCipher.Sealed seal(KeycloakSession session, RealmModel realm, String associatedData, char[] secret) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.ENC, Algorithm.AES);
        return SecretCipher.seal(key.getSecretKey().getEncoded(), key.getKid(), associatedData, secret);
    }

    public static char[] open(KeycloakSession session, RealmModel realm, String associatedData, SecretCipher.Sealed sealed) {
        KeyWrapper key = session.keys().getKey(realm, sealed.keyId(), KeyUse.ENC, Algorithm.AES);
        if (key == null || key.getSecretKey() == null) {
            throw new SecretUnavailableException("Realm key " + sealed.keyId() + " is not enabled");
        }
        return SecretCipher.open(key.getSecretKey().getEncoded(), associatedData, sealed);
    }
}
