package io.accesskeys.keycloak.contract;

/**
 * Every error code of the HTTP contract (docs/DESIGN.md §5), each with its HTTP status: the signing core's refusals
 * and the REST APIs' alike. The consoles' error texts (themes/shared/errors.ts) and the README's lists mirror it.
 * Plain Java, so that the signing core can use it without Keycloak.
 */
public enum ErrorCode {

    // Signed requests
    /** No signature at all: no Authorization of a known scheme and no presigned parameters. */
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 401),
    /** Malformed Authorization or presigned parameters, missing date or required signed header, bad limits. */
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
    /** Unknown or deleted access key ID. */
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 401),
    /** The key exists but is disabled (said only once the signature verified). */
    ACCESS_KEY_INACTIVE("AccessKeyInactive", 401),
    /** Wrong signature, or a body that does not match its signed content hash. */
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 401),
    /** Request time outside the allowed window of the server clock. */
    REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 401),
    /** Temporary key without a valid security token. */
    INVALID_TOKEN("InvalidToken", 401),
    /** Temporary key whose token has expired. */
    EXPIRED_TOKEN("ExpiredToken", 401),
    /** Refused for another reason: disabled user, expired presigned URL, missing permission. */
    ACCESS_DENIED("AccessDenied", 403),

    // REST APIs
    /** A bearer token is missing or invalid. */
    INVALID_BEARER_TOKEN("invalid_token", 401),
    /** Operation protection: the change needs a fresher authentication (RFC 9470). */
    INSUFFICIENT_USER_AUTHENTICATION("insufficient_user_authentication", 401),
    /** The user already holds as many permanent keys as allowed. */
    QUOTA_EXCEEDED("AccessKeyQuotaExceeded", 409),
    /** A local session asked for a temporary key. */
    FEDERATED_USER_REQUIRED("FederatedUserRequired", 403),
    /** A brokered session asked for a permanent key. */
    LOCAL_USER_REQUIRED("LocalUserRequired", 403),
    /** A temporary key lifetime outside the realm's range. */
    INVALID_DURATION("InvalidDuration", 400),
    /** No such permanent key for this user (or not an AK at all). */
    NO_SUCH_ACCESS_KEY("NoSuchAccessKey", 404),
    /** No such user in the realm (admin API). */
    NO_SUCH_USER("NoSuchUser", 404),
    /** The body is not what the endpoint reads at all (not JSON, not a JSON object, control characters). */
    MALFORMED_INPUT("MalformedInput", 400),
    /** The body is JSON but a field is unknown, of the wrong type or out of range. */
    VALIDATION_ERROR("ValidationError", 400),
    /** A key was to be scoped to a role that does not exist or that its user does not hold. */
    INVALID_ROLE("InvalidRole", 400),

    // Key policy (signed requests)
    /** A permanent key older than the realm's maximum key age (said only once the signature verified). */
    ACCESS_KEY_EXPIRED("AccessKeyExpired", 401);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
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
