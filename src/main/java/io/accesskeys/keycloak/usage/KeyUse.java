package io.accesskeys.keycloak.usage;

/** One verified use of a permanent key, as the last-used table records it. */
public record KeyUse(String accessKeyId, String realmId, String userId, String clientIp, String scheme, String region,
                     String service) {
}
