package io.accesskeys.keycloak.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 with per-thread engines (getInstance is costly next to one short HMAC). Text is hashed
 * as UTF-8 from a per-thread buffer: ASCII text (canonical requests nearly always are) is copied char by char
 * instead of being turned into a String and encoded.
 */
final class Hashing {

    private static final String HMAC_SHA256 = "HmacSHA256";
    /** Longer texts are encoded into a fresh array, so that no thread keeps a large buffer. */
    private static final int MAX_BUFFER = 16 * 1024;

    /** One thread's engines and text buffer. */
    private static final class Engines {
        final MessageDigest sha256;
        final Mac mac;
        byte[] buffer = new byte[1024];
        int length;

        Engines() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
                mac = Mac.getInstance(HMAC_SHA256);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 or HmacSHA256 unavailable", e);
            }
        }

        /** The UTF-8 form of {@code text}: {@code buffer[0, length)} until the next call. */
        byte[] utf8(CharSequence text) {
            int n = text.length();
            if (n <= MAX_BUFFER) {
                if (buffer.length < n) {
                    buffer = new byte[Math.max(n, 2 * buffer.length)];
                }
                int i = 0;
                while (i < n) {
                    char c = text.charAt(i);
                    if (c >= 0x80) {
                        break;
                    }
                    buffer[i++] = (byte) c;
                }
                if (i == n) {
                    length = n;
                    return buffer;
                }
            }
            byte[] encoded = text.toString().getBytes(StandardCharsets.UTF_8);
            length = encoded.length;
            return encoded;
        }
    }

    private static final ThreadLocal<Engines> ENGINES = ThreadLocal.withInitial(Engines::new);

    private Hashing() {
    }

    static byte[] sha256(byte[] data) {
        MessageDigest digest = ENGINES.get().sha256;
        digest.reset();
        return digest.digest(data);
    }

    /** The SHA-256 of the UTF-8 form of {@code text}, as lower-case hex. */
    static String sha256Hex(CharSequence text) {
        Engines engines = ENGINES.get();
        byte[] bytes = engines.utf8(text);
        MessageDigest digest = engines.sha256;
        digest.reset();
        digest.update(bytes, 0, engines.length);
        return Hex.encode(digest.digest());
    }

    static String sha256HexOf(byte[] data) {
        return Hex.encode(sha256(data));
    }

    /** The HMAC-SHA256 of the UTF-8 form of {@code data}. */
    static byte[] hmacSha256(byte[] key, CharSequence data) {
        Engines engines = ENGINES.get();
        Mac mac = init(engines.mac, key);
        mac.update(engines.utf8(data), 0, engines.length);
        return mac.doFinal();
    }

    static byte[] hmacSha256(byte[] key, byte[] data) {
        return init(ENGINES.get().mac, key).doFinal(data);
    }

    private static Mac init(Mac mac, byte[] key) {
        try {
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
        } catch (GeneralSecurityException e) {
            // Only an empty key gets here, and AccessSecret refuses those; say nothing about the key.
            throw new IllegalStateException("HMAC key rejected");
        }
        return mac;
    }
}
