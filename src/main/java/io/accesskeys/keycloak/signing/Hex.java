package io.accesskeys.keycloak.signing;

/** Lower-case hexadecimal, as every signature format here uses. */
final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /** Decodes hex of either case; null if the text is not hex of even length. */
    static byte[] decode(String hex) {
        if (hex == null || (hex.length() & 1) != 0) {
            return null;
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = value(hex.charAt(2 * i));
            int lo = value(hex.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** Decodes lower-case hex of even length in one pass; null if the text is anything else. */
    static byte[] decodeLower(String hex) {
        return decodeLower(hex, 0, hex.length());
    }

    /** {@link #decodeLower(String)} of {@code hex[from, to)}. */
    static byte[] decodeLower(String hex, int from, int to) {
        if (((to - from) & 1) != 0) {
            return null;
        }
        byte[] out = new byte[(to - from) / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = lowerValue(hex.charAt(from + 2 * i));
            int lo = lowerValue(hex.charAt(from + 2 * i + 1));
            if ((hi | lo) < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static int lowerValue(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /** Whether every character is a hex digit of either case. */
    static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (value(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The value of one hex digit, or -1. */
    static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
