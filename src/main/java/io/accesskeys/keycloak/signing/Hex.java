package io.accesskeys.keycloak.signing;

/** Lower-case hexadecimal, as every signature format here uses. */
final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    /** Digit values by character (both cases), -1 for anything else: one load per character instead of branches. */
    private static final byte[] VALUES = new byte[128];
    /** The same, lower case only (signatures). */
    private static final byte[] LOWER_VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        java.util.Arrays.fill(LOWER_VALUES, (byte) -1);
        for (int i = 0; i < 16; i++) {
            VALUES[DIGITS[i]] = (byte) i;
            LOWER_VALUES[DIGITS[i]] = (byte) i;
            VALUES[Character.toUpperCase(DIGITS[i])] = (byte) i;
        }
    }

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
            char a = hex.charAt(2 * i);
            char b = hex.charAt(2 * i + 1);
            // As in decodeLower: one range check, one sign check per byte.
            if ((a | b) >= 128) {
                return null;
            }
            int hi = VALUES[a];
            int lo = VALUES[b];
            if ((hi | lo) < 0) {
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
            char a = hex.charAt(from + 2 * i);
            char b = hex.charAt(from + 2 * i + 1);
            // One range check for both digits, then one sign check for both values.
            if ((a | b) >= 128) {
                return null;
            }
            int hi = LOWER_VALUES[a];
            int lo = LOWER_VALUES[b];
            if ((hi | lo) < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** The value of one hex digit, or -1. */
    static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }
}
