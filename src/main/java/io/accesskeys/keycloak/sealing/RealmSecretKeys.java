package io.accesskeys.keycloak.sealing;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's own AES keys (the {@code aes-generated} provider, use ENC) for sealing: new values use the active key;
 * old ones open with the key named in them while it stays enabled (active or passive), so a realm key rotation loses
 * nothing, and a realm export carries the keys its secrets need.
 */
public final class RealmSecretKeys {

    private RealmSecretKeys() {
    }

    public static SecretCipher.Sealed seal(KeycloakSession session, RealmModel realm, SecretCipher cipher,
                                           String associatedData, byte[] plaintext) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.ENC, Algorithm.AES);
        return cipher.seal(key.getSecretKey().getEncoded(), key.getKid(), associatedData, plaintext);
    }

    public static byte[] open(KeycloakSession session, RealmModel realm, SecretCipher cipher, String associatedData,
                              SecretCipher.Sealed sealed) {
        return cipher.open(key(session, realm, sealed), associatedData, sealed);
    }

    public static SecretCipher.Sealed sealChars(KeycloakSession session, RealmModel realm, String associatedData, char[] secret) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.ENC, Algorithm.AES);
        return SecretCipher.STORED_SECRETS.sealChars(key.getSecretKey().getEncoded(), key.getKid(), associatedData, secret);
    }

    /** A permanent key's secret, opened with the realm key named in it (while enabled), through {@code opened}. */
    public static char[] openChars(KeycloakSession session, RealmModel realm, String accessKeyId, String associatedData,
                                   SecretCipher.Sealed sealed, OpenedSecretCache opened) {
        return opened.openChars(accessKeyId, key(session, realm, sealed), associatedData, sealed);
    }

    private static byte[] key(KeycloakSession session, RealmModel realm, SecretCipher.Sealed sealed) {
        KeyWrapper key = sealed.keyId() == null ? null : session.keys().getKey(realm, sealed.keyId(), KeyUse.ENC, Algorithm.AES);
        if (key == null || key.getSecretKey() == null) {
            throw new SecretUnavailableException("Realm key " + sealed.keyId() + " is not enabled");
        }
        return key.getSecretKey().getEncoded();
    }
}
