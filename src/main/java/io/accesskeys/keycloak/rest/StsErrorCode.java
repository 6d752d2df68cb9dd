package io.accesskeys.keycloak.rest;

/**
 * The error codes of the STS-compatible endpoint that are not the HTTP contract's own (docs/DESIGN.md §5
 * "STS-compatible endpoint"): AWS STS's codes, each with the status AWS answers it with. Signature refusals of
 * {@code GetCallerIdentity} keep their contract codes and statuses ({@code ErrorCode}).
 */
enum StsErrorCode {

    /** The web identity token is not a valid, active token of this realm with an active user session. */
    INVALID_IDENTITY_TOKEN("InvalidIdentityToken", 400),
    /** The web identity token verified but has expired. */
    EXPIRED_TOKEN("ExpiredTokenException", 400),
    /** The token's user may not assume that role, or may not have temporary keys in this realm. */
    ACCESS_DENIED("AccessDenied", 403),
    /** A parameter is missing, malformed or out of range. */
    VALIDATION_ERROR("ValidationError", 400),
    /** No action, an action this endpoint does not implement, or another API version. */
    INVALID_ACTION("InvalidAction", 400);

    private final String code;
    private final int httpStatus;

    StsErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    String code() {
        return code;
    }

    int httpStatus() {
        return httpStatus;
    }
}
