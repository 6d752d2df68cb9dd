package io.accesskeys.keycloak.rest;

import io.accesskeys.keycloak.api.ApiError;
import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.settings.AccessKeySettings;
import org.keycloak.common.util.Time;
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

    static void require(AccessKeySettings settings, SelfServiceCaller caller) {
        if (!settings.operationProtection()) {
            return;
        }
        int maxAge = settings.operationProtectionMaxAgeSeconds();
        Long authTime = caller.token().getAuth_time();
        if (authTime == null || Time.currentTime() - authTime > maxAge) {
            String description = "This change needs an authentication within the last " + maxAge + " seconds.";
            throw new ErrorResponseException(ApiError.response(ErrorCode.INSUFFICIENT_USER_AUTHENTICATION, description)
                    .header("WWW-Authenticate", "Bearer error=\"" + ERROR + "\", error_description=\"" + description
                            + "\", max_age=" + maxAge)
                    .build());
        }
    }

}
