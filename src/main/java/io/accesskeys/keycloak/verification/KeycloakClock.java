package io.accesskeys.keycloak.verification;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.keycloak.common.util.Time;

/** Keycloak's clock (with its test offset) as a {@link Clock}, so that the signing core and tokens share one time. */
final class KeycloakClock extends Clock {

    static final KeycloakClock INSTANCE = new KeycloakClock();

    private KeycloakClock() {
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
