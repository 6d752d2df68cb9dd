package io.accesskeys.keycloak.signing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding as both signing schemes define it: only the unreserved characters
 * {@code A-Z a-z 0-9 - . _ ~} stay literal, every other byte of the UTF-8 form becomes {@code %XX}
 * (upper-case hex). Decoding works on bytes so that any well-formed escape round-trips, even when it
 * is not valid UTF-8.
 */
final class PercentEncoding {

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /** The unreserved characters by ASCII code: one load per character in the scans of paths and queries. */
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            UNRESERVED[c] = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~';
        }
    }

    static boolean isUnreserved(int b) {
        return b >= 0 && b < 128 && UNRESERVED[b];
    }

    /** Encodes the UTF-8 form of {@code text} literally ('%' included); '/' kept if {@code keepSlash}. */
    static void encodeLiteral(String text, boolean keepSlash, StringBuilder out) throws Rejection {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                appendByte(c, keepSlash, out);
            } else {
                int cp = codePointAt(text, i);
                if (Character.charCount(cp) == 2) {
                    i++;
                }
                for (byte b : utf8(cp)) {
                    appendByte(b & 0xFF, keepSlash, out);
                }
            }
        }
    }

    /**
     * Decodes {@code %XX} escapes to bytes (other characters count as their UTF-8 bytes) and encodes the
     * bytes again: the canonical form of one query name, query value or path segment. Text already in that form
     * (what the SDKs send) is returned as it is.
     */
    static String reencode(String raw) throws Rejection {
        if (isCanonical(raw, 0, raw.length(), false)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length() + 8);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                appendByte(escapedByte(raw, i), false, out);
                i += 2;
            } else if (c < 0x80) {
                appendByte(c, false, out);
            } else {
                int cp = codePointAt(raw, i);
                if (Character.charCount(cp) == 2) {
                    i++;
                }
                for (byte b : utf8(cp)) {
                    appendByte(b & 0xFF, false, out);
                }
            }
        }
        return out.toString();
    }

    /**
     * Whether {@code text[from, to)} is its own canonical form: unreserved characters ('/' too if {@code slash})
     * and upper-case escapes of bytes that are not unreserved, so that {@link #reencode} would give it back.
     */
    static boolean isCanonical(String text, int from, int to, boolean slash) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            // The usual character first: one range check and one load.
            if (c < 128 && UNRESERVED[c]) {
                continue;
            }
            if (c == '%') {
                if (i + 2 >= to || !isUpperHex(text.charAt(i + 1)) || !isUpperHex(text.charAt(i + 2))
                        || isUnreserved(Hex.value(text.charAt(i + 1)) << 4 | Hex.value(text.charAt(i + 2)))) {
                    return false;
                }
                i += 2;
            } else if (!(slash && c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUpperHex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F';
    }

    /** Decodes canonical (or raw) percent-encoded text to a string; refuses escapes that are not UTF-8. */
    static String decodeUtf8(String encoded) throws Rejection {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                bytes.write(escapedByte(encoded, i));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int cp = codePointAt(encoded, i);
                if (Character.charCount(cp) == 2) {
                    i++;
                }
                bytes.writeBytes(utf8(cp));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw Rejection.incomplete("Percent-encoded text is not valid UTF-8.");
        }
    }

    /**
     * Refuses what no well-formed request URI holds: a '%' not followed by two hex digits, control
     * characters, and unpaired surrogates. Raw non-ASCII and spaces are tolerated (the SigV4 suite sends them).
     */
    static void checkWellFormed(String raw, String where) throws Rejection {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Hex.value(raw.charAt(i + 1)) < 0 || Hex.value(raw.charAt(i + 2)) < 0) {
                    throw Rejection.incomplete("Malformed percent-encoding in the " + where + ".");
                }
            } else if (c < 0x20 || c == 0x7F) {
                throw Rejection.incomplete("Control character in the " + where + ".");
            } else if (Character.isSurrogate(c)) {
                codePointAt(raw, i);
                if (Character.isHighSurrogate(c)) {
                    i++;
                }
            }
        }
    }

    private static int escapedByte(String text, int percentAt) throws Rejection {
        if (percentAt + 2 >= text.length()) {
            throw Rejection.incomplete("Malformed percent-encoding.");
        }
        int hi = Hex.value(text.charAt(percentAt + 1));
        int lo = Hex.value(text.charAt(percentAt + 2));
        if (hi < 0 || lo < 0) {
            throw Rejection.incomplete("Malformed percent-encoding.");
        }
        return hi << 4 | lo;
    }

    private static int codePointAt(String text, int i) throws Rejection {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            return Character.toCodePoint(c, text.charAt(i + 1));
        }
        if (Character.isSurrogate(c)) {
            throw Rejection.incomplete("Unpaired surrogate in the request URI.");
        }
        return c;
    }

    private static byte[] utf8(int cp) {
        // Unpaired surrogates never get here: codePointAt refused them.
        if (cp < 0x80) {
            return new byte[] {(byte) cp};
        }
        if (cp < 0x800) {
            return new byte[] {(byte) (0xC0 | cp >> 6), (byte) (0x80 | cp & 0x3F)};
        }
        if (cp < 0x10000) {
            return new byte[] {(byte) (0xE0 | cp >> 12), (byte) (0x80 | cp >> 6 & 0x3F), (byte) (0x80 | cp & 0x3F)};
        }
        return new byte[] {(byte) (0xF0 | cp >> 18), (byte) (0x80 | cp >> 12 & 0x3F),
                (byte) (0x80 | cp >> 6 & 0x3F), (byte) (0x80 | cp & 0x3F)};
    }

    private static void appendByte(int b, boolean keepSlash, StringBuilder out) {
        if (isUnreserved(b) || keepSlash && b == '/') {
            out.append((char) b);
        } else {
            out.append('%').append(UPPER_HEX[(b >> 4) & 0xF]).append(UPPER_HEX[b & 0xF]);
        }
    }
}
