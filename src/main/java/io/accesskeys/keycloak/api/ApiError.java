package io.accesskeys.keycloak.api;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.services.ErrorResponseException;

/**
 * Builds the contract's error responses, {@code {"error": CODE, "error_description": text}}.
 * They are thrown as {@link ErrorResponseException} because Keycloak's error handler passes that response through
 * unchanged (any other exception would be rewritten) and marks the transaction for rollback.
 */
public final class ApiError {

    private ApiError() {
    }

    public static ErrorResponseException of(Response.Status status, String code, String description) {
        return of(status.getStatusCode(), code, description);
    }

    public static ErrorResponseException of(int status, String code, String description) {
        return new ErrorResponseException(response(status, code, description).build());
    }

    public static Response.ResponseBuilder response(int status, String code, String description) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", code, "error_description", description));
    }

    public static ErrorResponseException unauthorized(String description) {
        return new ErrorResponseException(response(401, "invalid_token", description)
                .header("WWW-Authenticate", "Bearer realm=\"access-keys\"")
                .build());
    }

    public static ErrorResponseException forbidden(String code, String description) {
        return of(Response.Status.FORBIDDEN, code, description);
    }

    public static ErrorResponseException badRequest(String code, String description) {
        return of(Response.Status.BAD_REQUEST, code, description);
    }

    public static ErrorResponseException notFound(String code, String description) {
        return of(Response.Status.NOT_FOUND, code, description);
    }
}
