package io.accesskeys.keycloak.sealing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption with AES-256-GCM under a key derived (HKDF-SHA256, RFC 5869) from a realm key and a
 * purpose label, so that the realm key itself is never used for anything but its own purpose and each purpose
 * (stored secrets, temporary-key tokens) has a key of its own. The associated data binds a ciphertext to its owner:
 * moved to another user, realm, key or key ID, it fails to open.
 */
public final class SecretCipher {

    /** Sealing permanent keys' secrets at rest. */
    public static final SecretCipher STORED_SECRETS = new SecretCipher("keycloak-access-keys/secret/v1");
    /** Sealing temporary keys' security tokens. */
    public static final SecretCipher TEMPORARY_TOKENS = new SecretCipher("keycloak-access-keys/temporary-token/v1");

    public static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] purpose;

    private SecretCipher(String purpose) {
        this.purpose = purpose.getBytes(StandardCharsets.US_ASCII);
    }

    /** A sealed value: the realm key's ID, the nonce and the ciphertext with its tag. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {

        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + "]";
        }
    }

    public Sealed seal(byte[] realmKey, String keyId, String associatedData, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, realmKey, nonce, keyId, associatedData);
            return new Sealed(keyId, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Opens a sealed value, or throws {@link SecretUnavailableException} when it was altered or moved. */
    public byte[] open(byte[] realmKey, String associatedData, Sealed sealed) {
        if (sealed.nonce() == null || sealed.nonce().length != NONCE_BYTES || sealed.ciphertext() == null
                || sealed.ciphertext().length < TAG_BITS / 8) {
            // Shorter than its tag: not ours (the JDK would throw a ProviderException, not a security exception).
            throw new SecretUnavailableException("The sealed value is malformed");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, realmKey, sealed.nonce(), sealed.keyId(), associatedData);
            return cipher.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException | IllegalArgumentException | java.security.ProviderException e) {
            throw new SecretUnavailableException("The sealed value does not open with key " + sealed.keyId());
        }
    }

    public Sealed sealChars(byte[] realmKey, String keyId, String associatedData, char[] secret) {
        byte[] plaintext = utf8(secret);
        try {
            return seal(realmKey, keyId, associatedData, plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    public char[] openChars(byte[] realmKey, String associatedData, Sealed sealed) {
        byte[] plaintext = open(realmKey, associatedData, sealed);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plaintext));
            char[] secret = new char[chars.remaining()];
            chars.get(secret);
            Arrays.fill(chars.array(), '\0');
            return secret;
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private Cipher cipher(int mode, byte[] realmKey, byte[] nonce, String keyId, String associatedData)
            throws GeneralSecurityException {
        byte[] key = hkdfSha256(realmKey, purpose, 32);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            // The key ID is bound too: a ciphertext relabelled with another key ID never opens.
            cipher.updateAAD((keyId + "\n" + associatedData).getBytes(StandardCharsets.UTF_8));
            return cipher;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** HKDF with an all-zero salt (RFC 5869 §2.2) and as many expand blocks as needed. */
    static byte[] hkdfSha256(byte[] inputKey, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] pseudoRandomKey = mac.doFinal(inputKey);
        mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
        byte[] output = new byte[length];
        byte[] block = new byte[0];
        for (int offset = 0, counter = 1; offset < length; counter++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            block = mac.doFinal();
            int take = Math.min(block.length, length - offset);
            System.arraycopy(block, 0, output, offset, take);
            offset += take;
        }
        Arrays.fill(pseudoRandomKey, (byte) 0);
        return output;
    }

    private static byte[] utf8(char[] secret) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
        return copy;
    }
}
