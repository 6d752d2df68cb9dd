package io.accesskeys.keycloak.credential;

/** The free-text description a user or admin gives a key. */
public final class KeyDescription {

    public static final int MAX_LENGTH = 255;

    private KeyDescription() {
    }

    /** The description as stored: trimmed, null when blank. */
    public static String normalize(String description) {
        if (description == null) {
            return null;
        }
        String trimmed = description.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static boolean forging(int codePoint) {
        return Character.isISOControl(codePoint) || codePoint == 0x2028 || codePoint == 0x2029
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || codePoint == 0x200E || codePoint == 0x200F;
    }

    /** Why {@code description} cannot be stored, or null when it can. */
    public static String problem(String description) {
        if (description == null) {
            return null;
        }
        if (description.codePointCount(0, description.length()) > MAX_LENGTH) {
            return "description must be at most " + MAX_LENGTH + " characters";
        }
        // Control characters, line separators and bidirectional overrides would let a description forge lines or
        // reorder text in CSV files, logs and UIs.
        if (description.codePoints().anyMatch(KeyDescription::forging)) {
            return "description must not contain control characters";
        }
        return null;
    }
}
