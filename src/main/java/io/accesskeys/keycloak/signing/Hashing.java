package io.accesskeys.keycloak.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256 and HMAC-SHA256 with per-thread engines (getInstance is costly next to one short HMAC). */
final class Hashing {

    private static final String HMAC_SHA256 = "HmacSHA256";

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    });

    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(HMAC_SHA256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    private Hashing() {
    }

    static byte[] sha256(byte[] data) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(data);
    }

    static String sha256Hex(String text) {
        return Hex.encode(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256HexOf(byte[] data) {
        return Hex.encode(sha256(data));
    }

    static byte[] hmacSha256(byte[] key, String data) {
        return hmacSha256(key, data.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmacSha256(byte[] key, byte[] data) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
        } catch (GeneralSecurityException e) {
            // Only an empty key gets here, and AccessSecret refuses those; say nothing about the key.
            throw new IllegalStateException("HMAC key rejected");
        }
        return mac.doFinal(data);
    }
}
