package io.accesskeys.keycloak.sealing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Permanent secrets already opened on this node, so that a key's requests do not each run HKDF and AES-GCM again
 * (about a seventh of a signed request's cost). An entry holds, beside the secret, a SHA-256 of everything the opening
 * depends on (the realm key's material, the associated data, nonce and ciphertext): it is used only for exactly those
 * inputs, so a re-sealed secret or another realm key opens anew. The caller still looks the realm key up on every
 * request, so a disabled realm key stops its secrets at once, as without the cache. Bounded; a key's entry is dropped
 * when the key is disabled or deleted.
 */
public final class OpenedSecretCache {

    private record Entry(byte[] inputs, char[] secret) {

        @Override
        public String toString() {
            return "Entry[redacted]";
        }
    }

    private final Cache<String, Entry> entries;

    public OpenedSecretCache(long maxEntries) {
        entries = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** The secret of {@code accessKeyId} (a copy the caller may wipe), opened with {@code realmKey} when not known. */
    char[] openChars(String accessKeyId, byte[] realmKey, String associatedData, SecretCipher.Sealed sealed) {
        byte[] inputs = fingerprint(realmKey, associatedData, sealed);
        Entry entry = entries.getIfPresent(accessKeyId);
        if (entry == null || !MessageDigest.isEqual(entry.inputs(), inputs)) {
            entry = new Entry(inputs, SecretCipher.STORED_SECRETS.openChars(realmKey, associatedData, sealed));
            entries.put(accessKeyId, entry);
        }
        return entry.secret().clone();
    }

    public void forget(String accessKeyId) {
        Entry entry = entries.asMap().remove(accessKeyId);
        if (entry != null) {
            Arrays.fill(entry.secret(), '\0');
        }
    }

    private static byte[] fingerprint(byte[] realmKey, String associatedData, SecretCipher.Sealed sealed) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(realmKey);
            digest.update((byte) 0);
            digest.update(associatedData.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(sealed.nonce() == null ? new byte[0] : sealed.nonce());
            digest.update((byte) 0);
            digest.update(sealed.ciphertext() == null ? new byte[0] : sealed.ciphertext());
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
