package io.accesskeys.keycloak.rest;

import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.settings.AccessKeySettings;
import org.keycloak.common.util.Time;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Sensitive self-service changes (create, enable/disable, delete) need a recent authentication when the realm asks
 * for it. The proof is the user session's {@code AUTH_TIME} note, which Keycloak renews whenever the user actually
 * authenticates (and which direct-grant sessions lack). Refusals carry the RFC 9470 step-up challenge.
 */
final class OperationProtection {

    static final String ERROR = "insufficient_user_authentication";

    private OperationProtection() {
    }

    static void require(AccessKeySettings settings, SelfServiceCaller caller) {
        if (!settings.operationProtection()) {
            return;
        }
        int maxAge = settings.operationProtectionMaxAgeSeconds();
        String note = caller.session() == null ? null : caller.session().getNote(AuthenticationManager.AUTH_TIME);
        Integer authTime = parse(note);
        if (authTime == null || Time.currentTime() - authTime > maxAge) {
            String description = "This change needs an authentication within the last " + maxAge + " seconds.";
            throw new ErrorResponseException(ApiError.response(Response.Status.UNAUTHORIZED.getStatusCode(), ERROR, description)
                    .header("WWW-Authenticate", "Bearer error=\"" + ERROR + "\", error_description=\"" + description
                            + "\", max_age=" + maxAge)
                    .build());
        }
    }

    private static Integer parse(String note) {
        try {
            return note == null ? null : Integer.valueOf(note);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
