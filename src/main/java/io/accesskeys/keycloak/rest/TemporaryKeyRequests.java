package io.accesskeys.keycloak.rest;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.settings.AccessKeySettings;

/** Reads {@code POST /me/temporary} bodies and checks the requested lifetime against the realm's range. */
final class TemporaryKeyRequests {

    static final String INVALID_DURATION = "InvalidDuration";
    static final String FEDERATED_USER_REQUIRED = "FederatedUserRequired";

    private TemporaryKeyRequests() {
    }

    /** The lifetime in seconds: the request's {@code durationSeconds}, or the realm's default. */
    static int duration(String body, AccessKeySettings settings) {
        JsonNode requested = JsonBody.parse(body, Set.of("durationSeconds")).node("durationSeconds");
        int min = settings.temporaryMinDurationSeconds();
        int max = settings.temporaryMaxDurationSeconds();
        if (requested == null || requested.isNull()) {
            return settings.temporaryDefaultDurationSeconds();
        }
        if (!requested.isIntegralNumber() || !requested.canConvertToInt() || requested.intValue() < min
                || requested.intValue() > max) {
            throw ApiError.badRequest(INVALID_DURATION,
                    "durationSeconds must be a whole number of seconds from " + min + " to " + max + ".");
        }
        return requested.intValue();
    }

    /** Refuses sessions that may not have temporary keys under the realm's settings. */
    static void requireEligible(SelfServiceCaller caller, AccessKeySettings settings) {
        if (settings.permitsTemporaryKeys(caller.identityProvider())) {
            return;
        }
        throw ApiError.forbidden(FEDERATED_USER_REQUIRED, caller.federated()
                ? "Sessions through identity provider '" + caller.identityProvider()
                        + "' do not get temporary access keys in this realm."
                : "Temporary access keys are for sessions that came through an identity provider.");
    }
}
