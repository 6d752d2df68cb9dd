package io.accesskeys.keycloak.usage;

import java.time.Instant;

/** When, from where and how a permanent key last verified a signature (to the 15-minute window). */
public record LastUse(Instant at, String ip, String scheme, String region, String service) {

    public static LastUse of(AccessKeyUsageEntity entity) {
        return new LastUse(Instant.ofEpochMilli(entity.getLastUsedAt()), entity.getClientIp(), entity.getScheme(),
                entity.getRegion(), entity.getService());
    }
}
