package io.accesskeys.keycloak.signing;

import io.accesskeys.keycloak.contract.ErrorCode;

/**
 * Internal signal that a request is refused; turned into a {@link Verdict.Rejected} at the verifier's edge,
 * never thrown out of this package. No stack trace: it is control flow, not a bug.
 */
final class Rejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode error;

    Rejection(ErrorCode error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    static Rejection incomplete(String description) {
        return new Rejection(ErrorCode.INCOMPLETE_SIGNATURE, description);
    }

    ErrorCode error() {
        return error;
    }

}
