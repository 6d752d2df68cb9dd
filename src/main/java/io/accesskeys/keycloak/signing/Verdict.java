package io.accesskeys.keycloak.signing;

import java.util.Objects;

/** The outcome of verifying one request: {@link Verified} or {@link Rejected}; never an exception. */
public sealed interface Verdict permits Verdict.Verified, Verdict.Rejected {

    /** True for {@link Verified}. */
    boolean valid();

    /** The signature is good: who signed, how, and the resolver's attachment. */
    record Verified(SignatureContext context, Object attachment) implements Verdict {
        public Verified {
            Objects.requireNonNull(context, "context");
        }

        @Override
        public boolean valid() {
            return true;
        }

        @Override
        public String toString() {
            return "Verified[" + context + "]";
        }
    }

    /**
     * The request is refused. {@code canonicalRequest} and {@code stringToSign} are the server's, set only for
     * {@link SignatureError#SIGNATURE_DOES_NOT_MATCH} (they contain no secret), otherwise null.
     */
    record Rejected(SignatureError error, String description, String canonicalRequest, String stringToSign)
            implements Verdict {
        public Rejected {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(description, "description");
        }

        @Override
        public boolean valid() {
            return false;
        }

        /** The HTTP status of the contract code. */
        public int httpStatus() {
            return error.httpStatus();
        }

        /** The wire error code. */
        public String code() {
            return error.code();
        }
    }
}
