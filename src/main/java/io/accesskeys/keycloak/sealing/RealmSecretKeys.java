package io.accesskeys.keycloak.sealing;

import java.util.Objects;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's own AES keys (the {@code aes-generated} provider, use ENC) for sealing: new values use the active key;
 * old ones open with the key named in them while it stays enabled (active or passive), so a realm key rotation loses
 * nothing, and a realm export carries the keys its secrets need.
 */
public final class RealmSecretKeys {

    /** The provider of a realm's AES keys (the only one Keycloak ships). */
    private static final String AES_PROVIDER = "aes-generated";

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

    /**
     * The key named in {@code sealed}, asked of the realm's {@code aes-generated} providers only, with the key
     * manager's rule (that kid, while enabled: active or passive). Keycloak's key manager would build every key
     * provider of the realm for each request's session, RSA keys parsed from PEM included: a fifth of a signed
     * request's cost.
     */
    private static byte[] key(KeycloakSession session, RealmModel realm, SecretCipher.Sealed sealed) {
        String kid = sealed.keyId();
        KeyWrapper key = kid == null ? null : realm.getComponentsStream(realm.getId(), KeyProvider.class.getName())
                .filter(component -> AES_PROVIDER.equals(component.getProviderId()))
                .map(component -> session.getProvider(KeyProvider.class, component))
                .filter(Objects::nonNull)
                .flatMap(KeyProvider::getKeysStream)
                .filter(candidate -> kid.equals(candidate.getKid()) && candidate.getStatus() != null
                        && candidate.getStatus().isEnabled() && KeyUse.ENC.equals(candidate.getUse()))
                .findFirst().orElse(null);
        if (key == null || key.getSecretKey() == null) {
            throw new SecretUnavailableException("Realm key " + kid + " is not enabled");
        }
        return key.getSecretKey().getEncoded();
    }
}
