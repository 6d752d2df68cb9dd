package io.accesskeys.keycloak.credential;

/** A permanent key verifies signed requests only while it is ACTIVE. */
public enum AccessKeyStatus {
    ACTIVE,
    INACTIVE
}
