package io.accesskeys.keycloak.signing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** A secret access key (SK) held as UTF-8 bytes; never printed. */
public final class AccessSecret {

    private final byte[] utf8;

    private AccessSecret(byte[] utf8) {
        if (utf8.length == 0) {
            throw new IllegalArgumentException("empty secret");
        }
        this.utf8 = utf8;
    }

    /** The secret from its characters; the caller may wipe {@code secret} afterwards. */
    public static AccessSecret of(char[] secret) {
        Objects.requireNonNull(secret, "secret");
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        // The encoder's buffer may be larger than its content: wipe all of it.
        Arrays.fill(encoded.array(), (byte) 0);
        return new AccessSecret(bytes);
    }

    /** The secret from a string (tests, signers; prefer {@link #of(char[])} where the SK is decrypted). */
    public static AccessSecret of(String secret) {
        Objects.requireNonNull(secret, "secret");
        return new AccessSecret(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The secret from its UTF-8 bytes (copied). */
    public static AccessSecret ofUtf8(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        return new AccessSecret(secret.clone());
    }

    /** The live bytes: callers in this package must not modify or leak them. */
    byte[] bytes() {
        return utf8;
    }

    /** Overwrites the secret in memory; the object is unusable afterwards. */
    public void destroy() {
        Arrays.fill(utf8, (byte) 0);
    }

    @Override
    public String toString() {
        return "AccessSecret[redacted]";
    }
}
