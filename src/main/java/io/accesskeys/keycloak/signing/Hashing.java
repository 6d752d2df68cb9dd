package io.accesskeys.keycloak.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 with per-thread engines (getInstance is costly next to one short HMAC). A canonical
 * request is hashed from its builder through a per-thread buffer (ASCII, as it nearly always is) instead of being
 * turned into a String and encoded.
 */
final class Hashing {

    private static final String HMAC_SHA256 = "HmacSHA256";
    /** Longer texts are encoded into a fresh array, so that no thread keeps a large buffer. */
    private static final int MAX_BUFFER = 16 * 1024;

    /** One thread's engines and text buffer. */
    private static final class Engines {
        final MessageDigest sha256;
        final Mac mac;
        char[] chars = new char[1024];
        byte[] buffer = new byte[1024];
        int length;
        /** Digest and MAC output, compared or hex-encoded at once: no array per hash. */
        final byte[] out = new byte[32];

        Engines() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
                mac = Mac.getInstance(HMAC_SHA256);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 or HmacSHA256 unavailable", e);
            }
        }

        /** The UTF-8 form of {@code text}: the result's first {@link #length} bytes, until the next call. */
        byte[] utf8(CharSequence text) {
            int n = text.length();
            if (text instanceof StringBuilder builder && n <= MAX_BUFFER) {
                if (buffer.length < n) {
                    chars = new char[Math.max(n, 2 * chars.length)];
                    buffer = new byte[chars.length];
                }
                builder.getChars(0, n, chars, 0); // a bulk copy: far cheaper than charAt per character
                int i = 0;
                while (i < n && chars[i] < 0x80) {
                    buffer[i] = (byte) chars[i];
                    i++;
                }
                if (i == n) {
                    length = n;
                    return buffer;
                }
            }
            // Strings: the JDK's own encoder copies ASCII in bulk.
            byte[] encoded = text.toString().getBytes(StandardCharsets.UTF_8);
            length = encoded.length;
            return encoded;
        }
    }

    private static final ThreadLocal<Engines> ENGINES = ThreadLocal.withInitial(Engines::new);

    private Hashing() {
    }

    static byte[] sha256(byte[] data) {
        // digest() leaves the engine reset for the next use.
        return ENGINES.get().sha256.digest(data);
    }

    /** The SHA-256 of the UTF-8 form of {@code text}, as lower-case hex. */
    static String sha256Hex(CharSequence text) {
        Engines engines = ENGINES.get();
        byte[] bytes = engines.utf8(text);
        MessageDigest digest = engines.sha256;
        digest.update(bytes, 0, engines.length);
        return Hex.encode(digest.digest());
    }

    /** Appends the SHA-256 of {@code text} (UTF-8 bytes) to {@code out} as 64 lower-case hex digits. */
    static void appendSha256Hex(Utf8Buffer text, Utf8Buffer out) {
        Engines engines = ENGINES.get();
        MessageDigest digest = engines.sha256;
        digest.update(text.array(), 0, text.length());
        try {
            digest.digest(engines.out, 0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 output", e);
        }
        out.appendHex(engines.out, 32);
    }

    /** Whether the HMAC-SHA256 of {@code data} under {@code key} equals {@code expected}, compared in constant time. */
    static boolean hmacSha256Matches(byte[] key, Utf8Buffer data, byte[] expected) {
        Engines engines = ENGINES.get();
        Mac mac = init(engines.mac, key);
        mac.update(data.array(), 0, data.length());
        try {
            mac.doFinal(engines.out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC output", e);
        }
        return MessageDigest.isEqual(engines.out, expected);
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
