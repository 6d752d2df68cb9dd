package io.accesskeys.keycloak.signing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of UTF-8 bytes for the texts that get hashed (canonical request, string to sign): ASCII goes in
 * byte for byte, so hashing needs no String, char[] or encoding step in between. Not thread-safe.
 */
final class Utf8Buffer {

    private static final byte[] LOWER_HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;

    Utf8Buffer(int capacity) {
        bytes = new byte[capacity];
    }

    int length() {
        return length;
    }

    /** The bytes it holds before it must grow. */
    int capacity() {
        return bytes.length;
    }

    /** Cuts the text back to {@code length} bytes (a position taken earlier with {@link #length()}). */
    void setLength(int length) {
        this.length = length;
    }

    /** The live bytes; the text is the first {@link #length()}. */
    byte[] array() {
        return bytes;
    }

    /** Appends one ASCII character. */
    Utf8Buffer append(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    Utf8Buffer append(String text) {
        return append(text, 0, text.length());
    }

    /** Appends {@code text[from, to)} as UTF-8 (an unpaired surrogate as '?', as {@link String#getBytes} does). */
    Utf8Buffer append(String text, int from, int to) {
        ensure(to - from);
        byte[] b = bytes;
        int n = length;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                break;
            }
            b[n++] = (byte) c;
            i++;
        }
        length = n;
        if (i < to) {
            // Rare (non-ASCII header values): the JDK's encoder; the range never splits a surrogate pair.
            byte[] encoded = text.substring(i, to).getBytes(StandardCharsets.UTF_8);
            ensure(encoded.length);
            System.arraycopy(encoded, 0, bytes, length, encoded.length);
            length += encoded.length;
        }
        return this;
    }

    /**
     * Appends text known to be ASCII (canonical paths and queries are: every other character is percent-encoded):
     * a bulk copy of the characters' low bytes.
     */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) is exact for ASCII, and an array copy
    Utf8Buffer appendAscii(String ascii) {
        return appendAscii(ascii, 0, ascii.length());
    }

    /** {@link #appendAscii(String)} of {@code ascii[from, to)}. */
    @SuppressWarnings("deprecation")
    Utf8Buffer appendAscii(String ascii, int from, int to) {
        ensure(to - from);
        ascii.getBytes(from, to, bytes, length);
        length += to - from;
        return this;
    }

    /** Appends the first {@code count} bytes of {@code data} as lower-case hex. */
    Utf8Buffer appendHex(byte[] data, int count) {
        ensure(2 * count);
        byte[] b = bytes;
        int n = length;
        for (int i = 0; i < count; i++) {
            b[n++] = LOWER_HEX[(data[i] >> 4) & 0xF];
            b[n++] = LOWER_HEX[data[i] & 0xF];
        }
        length = n;
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, 2 * bytes.length));
        }
    }

    /** The text (only when it is shown: a signature that does not match, or the signer's output). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
