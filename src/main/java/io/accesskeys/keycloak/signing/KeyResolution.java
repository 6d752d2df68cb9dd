package io.accesskeys.keycloak.signing;

import java.util.Objects;

/** A {@link SecretResolver}'s answer: the secret to verify with, or a refusal. */
public sealed interface KeyResolution permits KeyResolution.Found, KeyResolution.Refused {

    /** The key exists and may sign; {@code attachment} (may be null) is handed back in the verdict. */
    static KeyResolution found(AccessSecret secret, Object attachment) {
        return new Found(secret, attachment);
    }

    /** The key may not sign, for the given contract reason; the description must not contain secrets. */
    static KeyResolution refused(SignatureError error, String description) {
        return new Refused(error, description);
    }

    /** No such access key (InvalidAccessKeyId). */
    static KeyResolution unknownKey() {
        return refused(SignatureError.INVALID_ACCESS_KEY_ID,
                "The access key ID you provided does not exist in our records.");
    }

    /** The access key is disabled (AccessKeyInactive). */
    static KeyResolution inactiveKey() {
        return refused(SignatureError.ACCESS_KEY_INACTIVE, "The access key ID you provided is inactive.");
    }

    /** The secret to verify with, and the caller's own data about the key. */
    record Found(AccessSecret secret, Object attachment) implements KeyResolution {
        public Found {
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Found[secret=redacted, attachment=" + (attachment == null ? "none" : "present") + "]";
        }
    }

    /** A refusal with a contract code. */
    record Refused(SignatureError error, String description) implements KeyResolution {
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(description, "description");
        }
    }
}
