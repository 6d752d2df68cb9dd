package io.accesskeys.keycloak.credential;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The shapes of access key IDs and secrets. An AK is 20 characters of {@code A-Z2-7} (base32): a 4-character
 * prefix that tells permanent from temporary keys, then 16 random characters (80 bits). An SK is 40 characters of
 * {@code A-Za-z0-9} (about 238 bits), chosen so that it never needs quoting in CSV, a shell or a URL.
 */
public final class AccessKeyFormat {

    public static final String PERMANENT_PREFIX = "KCAK";
    public static final String TEMPORARY_PREFIX = "KCTK";
    public static final int ACCESS_KEY_ID_LENGTH = 20;
    public static final int SECRET_LENGTH = 40;

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z2-7]{" + ACCESS_KEY_ID_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccessKeyFormat() {
    }

    public static String newPermanentAccessKeyId() {
        return PERMANENT_PREFIX + randomBase32(ACCESS_KEY_ID_LENGTH - PERMANENT_PREFIX.length());
    }

    public static String newTemporaryAccessKeyId() {
        return TEMPORARY_PREFIX + randomBase32(ACCESS_KEY_ID_LENGTH - TEMPORARY_PREFIX.length());
    }

    public static char[] newSecret() {
        char[] secret = new char[SECRET_LENGTH];
        byte[] random = new byte[1];
        int filled = 0;
        while (filled < SECRET_LENGTH) {
            RANDOM.nextBytes(random);
            int value = random[0] & 0xff;
            // 248 = 4 * 62: rejecting the top 8 values keeps every character equally likely.
            if (value < 248) {
                secret[filled++] = ALPHANUMERIC.charAt(value % 62);
            }
        }
        return secret;
    }

    public static boolean isAccessKeyId(String candidate) {
        return candidate != null && ACCESS_KEY_ID.matcher(candidate).matches();
    }

    public static boolean isPermanent(String accessKeyId) {
        return isAccessKeyId(accessKeyId) && accessKeyId.startsWith(PERMANENT_PREFIX);
    }

    public static boolean isTemporary(String accessKeyId) {
        return isAccessKeyId(accessKeyId) && accessKeyId.startsWith(TEMPORARY_PREFIX);
    }

    private static String randomBase32(int length) {
        byte[] random = new byte[length];
        RANDOM.nextBytes(random);
        StringBuilder id = new StringBuilder(length);
        for (byte b : random) {
            id.append(BASE32.charAt(b & 31));
        }
        return id.toString();
    }
}
