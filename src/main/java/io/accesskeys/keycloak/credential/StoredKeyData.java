package io.accesskeys.keycloak.credential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.accesskeys.keycloak.sealing.SecretCipher;
import io.accesskeys.keycloak.sealing.SecretUnavailableException;
import org.keycloak.util.JsonSerialization;

/**
 * The JSON a permanent key keeps in Keycloak's credential row. {@code credentialData} is what admins may see in the
 * stock Credentials tab; {@code secretData} holds only the sealed secret.
 */
final class StoredKeyData {

    private StoredKeyData() {
    }

    /**
     * credentialData. The field order is fixed: the inventory filters on {@link #statusFragment}. {@code roles} is
     * null for an unscoped key; {@code rotationNotified} is null until the rotation event was sent (older keys lack
     * both fields).
     */
    record Public(String accessKeyId, AccessKeyStatus status, String description, RoleSet roles, Boolean rotationNotified) {

        Public withRotationNotified() {
            return new Public(accessKeyId, status, description, roles, Boolean.TRUE);
        }
    }

    /** secretData: version, realm key ID, nonce and ciphertext (both base64). */
    record Secret(int v, String kid, String nonce, String ciphertext) {

        static Secret of(SecretCipher.Sealed sealed) {
            Base64.Encoder base64 = Base64.getEncoder();
            return new Secret(1, sealed.keyId(), base64.encodeToString(sealed.nonce()), base64.encodeToString(sealed.ciphertext()));
        }

        SecretCipher.Sealed sealed() {
            if (v != 1 || kid == null || nonce == null || ciphertext == null) {
                throw new SecretUnavailableException("Unreadable sealed secret");
            }
            try {
                Base64.Decoder base64 = Base64.getDecoder();
                return new SecretCipher.Sealed(kid, base64.decode(nonce), base64.decode(ciphertext));
            } catch (IllegalArgumentException e) {
                throw new SecretUnavailableException("Unreadable sealed secret");
            }
        }

        @Override
        public String toString() {
            return "Secret[kid=" + kid + "]";
        }
    }

    /** The text every credentialData of a key with this status contains (for SQL LIKE filters). */
    static String statusFragment(AccessKeyStatus status) {
        return "\"status\":\"" + status.name() + "\"";
    }

    static String write(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parsed data by the very text it was parsed from (identity, weakly held): every signed request reads its key's
     * two JSON texts from Keycloak's cached user, which hands out the same strings until the key changes, so each is
     * parsed once while cached. The values are immutable records.
     */
    private static final Cache<String, Object> PARSED = Caffeine.newBuilder().weakKeys().maximumSize(1_000_000).build();

    static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new SecretUnavailableException("Unreadable access key data");
        }
        Object known = PARSED.getIfPresent(json);
        if (type.isInstance(known)) {
            return type.cast(known);
        }
        T parsed;
        try {
            parsed = JsonSerialization.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            throw new SecretUnavailableException("Unreadable access key data");
        }
        if (parsed == null) {
            throw new SecretUnavailableException("Unreadable access key data");
        }
        PARSED.put(json, parsed);
        return parsed;
    }
}
