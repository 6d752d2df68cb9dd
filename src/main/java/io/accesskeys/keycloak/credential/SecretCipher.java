package io.accesskeys.keycloak.credential;

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
 * Seals secrets with AES-256-GCM under a key derived (HKDF-SHA256, RFC 5869) from a realm key, so that the realm key
 * itself is never used for anything but its own purpose. The associated data binds a ciphertext to its owner: a
 * sealed secret copied to another user, realm or key ID fails to open.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] DERIVATION_INFO = "keycloak-access-keys/secret/v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretCipher() {
    }

    /** A sealed secret: the realm key's ID, the nonce and the ciphertext with its tag. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {

        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + "]";
        }
    }

    public static Sealed seal(byte[] realmKey, String keyId, String associatedData, char[] secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] plaintext = utf8(secret);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, realmKey, nonce, keyId, associatedData);
            return new Sealed(keyId, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Opens a sealed secret, or throws {@link SecretUnavailableException} when it was altered or moved. */
    public static char[] open(byte[] realmKey, String associatedData, Sealed sealed) {
        byte[] plaintext = null;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, realmKey, sealed.nonce(), sealed.keyId(), associatedData);
            plaintext = cipher.doFinal(sealed.ciphertext());
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plaintext));
            char[] secret = new char[chars.remaining()];
            chars.get(secret);
            Arrays.fill(chars.array(), '\0');
            return secret;
        } catch (GeneralSecurityException e) {
            throw new SecretUnavailableException("The stored secret does not open with key " + sealed.keyId());
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    private static Cipher cipher(int mode, byte[] realmKey, byte[] nonce, String keyId, String associatedData)
            throws GeneralSecurityException {
        byte[] key = hkdfSha256(realmKey, DERIVATION_INFO, 32);
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

    /** HKDF with an all-zero salt (RFC 5869 §2.2) and one or more expand blocks. */
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
