package io.accesskeys.keycloak.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.accesskeys.keycloak.contract.ErrorCode;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;

/**
 * A request whose Content-Type cannot be parsed is bad input: 400 MalformedInput. Keycloak 26.7.3's security-headers
 * response filter parses the request's Content-Type for every answer and turns a parse failure into a 500, so such an
 * answer skips that filter and carries the headers a JSON error needs itself.
 */
public final class RequestContentType {

    private RequestContentType() {
    }

    public static void requireParseable(KeycloakSession session) {
        if (!isParseable(session)) {
            skipSecurityHeaders(session);
            throw new org.keycloak.services.ErrorResponseException(
                    ApiError.response(ErrorCode.MALFORMED_INPUT, "The Content-Type header cannot be parsed.")
                            .header("X-Content-Type-Options", "nosniff")
                            .header("Cache-Control", "no-store")
                            .build());
        }
    }

    /** Whether the request has no Content-Type or one that parses. */
    public static boolean isParseable(KeycloakSession session) {
        String contentType = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return true;
        }
        try {
            MediaType.valueOf(contentType);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Lets this answer skip the filter that would fail on the request's Content-Type; it sets its own headers. */
    public static void skipSecurityHeaders(KeycloakSession session) {
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
    }
}
