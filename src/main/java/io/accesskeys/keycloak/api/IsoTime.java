package io.accesskeys.keycloak.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The contract's time format: ISO-8601 UTC to the second, e.g. {@code 2026-11-22T10:00:00Z}. */
public final class IsoTime {

    private IsoTime() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
