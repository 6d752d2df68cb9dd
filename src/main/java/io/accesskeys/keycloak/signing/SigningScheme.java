package io.accesskeys.keycloak.signing;

/** The request-signing schemes this package verifies, with their names as they appear on the wire. */
public enum SigningScheme {
    /** AWS Signature Version 4, header and presigned-URL forms (non-S3 canonicalisation). */
    AWS4_HMAC_SHA256("AWS4-HMAC-SHA256"),
    /** Huawei Cloud API gateway / SDK signing. */
    SDK_HMAC_SHA256("SDK-HMAC-SHA256");

    private final String wireName;

    SigningScheme(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the Authorization header and string to sign, e.g. {@code AWS4-HMAC-SHA256}. */
    public String wireName() {
        return wireName;
    }
}
