package io.accesskeys.keycloak.signing;

/** The contract's signature failure codes (DESIGN.md section 5), each with its HTTP status. */
public enum SignatureError {
    /** No signature at all: no Authorization of a known scheme and no presigned parameters. */
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 401),
    /** Malformed Authorization or presigned parameters, missing date or required signed header, bad limits. */
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
    /** Unknown or deleted access key ID. */
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 401),
    /** The key exists but is disabled. */
    ACCESS_KEY_INACTIVE("AccessKeyInactive", 401),
    /** Wrong signature, or a body that does not match its signed content hash. */
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 401),
    /** Request time outside the allowed window of the server clock. */
    REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 401),
    /** Temporary key without a valid security token. */
    INVALID_TOKEN("InvalidToken", 401),
    /** Temporary key whose token has expired. */
    EXPIRED_TOKEN("ExpiredToken", 401),
    /** Refused for another reason (disabled user, expired presigned URL). */
    ACCESS_DENIED("AccessDenied", 403);

    private final String code;
    private final int httpStatus;

    SignatureError(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The wire error code, e.g. {@code SignatureDoesNotMatch}. */
    public String code() {
        return code;
    }

    /** The HTTP status the contract assigns to this error. */
    public int httpStatus() {
        return httpStatus;
    }
}
