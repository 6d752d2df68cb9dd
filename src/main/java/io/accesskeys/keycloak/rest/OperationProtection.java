package io.accesskeys.keycloak.rest;

import io.accesskeys.keycloak.api.ApiError;
import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.settings.AccessKeySettings;
import org.keycloak.common.util.Time;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.ErrorResponseException;

/**
 * Sensitive self-service changes (create, enable/disable, delete, temporary keys) need a recent authentication when
 * the realm asks for it. The proof is the presented token's {@code auth_time} (Keycloak's basic scope maps it from the
 * session's {@code AUTH_TIME} note, which direct-grant sessions lack): the token's own, so that an old token of a
 * session does not pass because its owner logged in again since. Refusals carry the RFC 9470 step-up challenge.
 */
final class OperationProtection {

    private static final String ERROR = ErrorCode.INSUFFICIENT_USER_AUTHENTICATION.code();

    private OperationProtection() {
    }

    /** Whether {@code token} meets the realm's operation protection (always, when it is off). */
    static boolean satisfiedBy(AccessKeySettings settings, AccessToken token) {
        if (!settings.operationProtection()) {
            return true;
        }
        Long authTime = token.getAuth_time();
        return authTime != null && Time.currentTime() - authTime <= settings.operationProtectionMaxAgeSeconds();
    }

    static void require(AccessKeySettings settings, SelfServiceCaller caller) {
        int maxAge = settings.operationProtectionMaxAgeSeconds();
        if (!satisfiedBy(settings, caller.token())) {
            String description = "This change needs an authentication within the last " + maxAge + " seconds.";
            throw new ErrorResponseException(ApiError.response(ErrorCode.INSUFFICIENT_USER_AUTHENTICATION, description)
                    .header("WWW-Authenticate", "Bearer error=\"" + ERROR + "\", error_description=\"" + description
                            + "\", max_age=" + maxAge)
                    .build());
        }
    }

}
