package io.accesskeys.keycloak.rest;

import org.keycloak.Config;

/**
 * Server-wide options, set with Keycloak's SPI option convention, e.g.
 * {@code --spi-realm-restapi-extension--access-keys--quota=3}.
 *
 * @param quota how many permanent keys one user may hold
 */
public record AccessKeysConfig(int quota) {

    public static final int DEFAULT_QUOTA = 2;

    static AccessKeysConfig from(Config.Scope scope) {
        int quota = scope.getInt("quota", DEFAULT_QUOTA);
        if (quota < 1) {
            throw new IllegalArgumentException("access-keys quota must be at least 1, was " + quota);
        }
        return new AccessKeysConfig(quota);
    }
}
