package io.accesskeys.keycloak.api;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.contract.ErrorCode;
import org.keycloak.services.ErrorResponseException;

/**
 * Builds the contract's error responses, {@code {"error": CODE, "error_description": text}}, with the code's status.
 * They are thrown as {@link ErrorResponseException} because Keycloak's error handler passes that response through
 * unchanged (any other exception would be rewritten) and marks the transaction for rollback.
 */
public final class ApiError {

    private ApiError() {
    }

    public static ErrorResponseException of(ErrorCode code, String description) {
        return new ErrorResponseException(response(code, description).build());
    }

    public static Response.ResponseBuilder response(ErrorCode code, String description) {
        return Response.status(code.httpStatus())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", code.code(), "error_description", description));
    }

    /** 401 for a missing or invalid bearer token, with its challenge. */
    public static ErrorResponseException unauthorized(String description) {
        return new ErrorResponseException(response(ErrorCode.INVALID_BEARER_TOKEN, description)
                .header("WWW-Authenticate", "Bearer realm=\"access-keys\"")
                .build());
    }

    /** 403 AccessDenied. */
    public static ErrorResponseException accessDenied(String description) {
        return of(ErrorCode.ACCESS_DENIED, description);
    }

    /** 400 ValidationError. */
    public static ErrorResponseException invalid(String description) {
        return of(ErrorCode.VALIDATION_ERROR, description);
    }
}
