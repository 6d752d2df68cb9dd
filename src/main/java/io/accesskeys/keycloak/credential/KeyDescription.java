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

    /** Why {@code description} cannot be stored, or null when it can. */
    public static String problem(String description) {
        if (description == null) {
            return null;
        }
        if (description.codePointCount(0, description.length()) > MAX_LENGTH) {
            return "description must be at most " + MAX_LENGTH + " characters";
        }
        // Control characters would let a description forge lines in CSV files, logs and UIs.
        if (description.codePoints().anyMatch(Character::isISOControl)) {
            return "description must not contain control characters";
        }
        return null;
    }
}
