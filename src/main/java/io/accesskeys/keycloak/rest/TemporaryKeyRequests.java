package io.accesskeys.keycloak.rest;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.api.ApiError;
import io.accesskeys.keycloak.api.JsonBody;
import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.settings.AccessKeySettings;

/** Reads {@code POST /me/temporary} bodies and checks the requested lifetime against the realm's range. */
final class TemporaryKeyRequests {

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
            throw ApiError.of(ErrorCode.INVALID_DURATION,
                    "durationSeconds must be a whole number of seconds from " + min + " to " + max + ".");
        }
        return requested.intValue();
    }

    /** Refuses sessions that may not have temporary keys under the realm's settings. */
    static void requireEligible(SelfServiceCaller caller, AccessKeySettings settings) {
        if (settings.permitsTemporaryKeys(caller.identityProvider())) {
            return;
        }
        throw ApiError.of(ErrorCode.FEDERATED_USER_REQUIRED, caller.federated()
                ? "Sessions through identity provider '" + caller.identityProvider()
                        + "' do not get temporary access keys in this realm."
                : "Temporary access keys are for sessions that came through an identity provider.");
    }
}
