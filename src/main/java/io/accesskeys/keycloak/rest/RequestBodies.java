package io.accesskeys.keycloak.rest;

import java.nio.charset.StandardCharsets;

import io.accesskeys.keycloak.api.ApiError;
import io.accesskeys.keycloak.api.RequestContentType;
import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.verification.RawRequestBody;
import org.keycloak.models.KeycloakSession;

/**
 * The body of a request to the realm resources, read by us rather than by an entity parameter: RESTEasy would pick a
 * reader from the Content-Type before our code runs, and an unparseable one then ends in a 500. Here it is a 400.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    static String text(KeycloakSession session) {
        RequestContentType.requireParseable(session);
        try {
            return new String(RawRequestBody.read(), StandardCharsets.UTF_8);
        } catch (RawRequestBody.TooLarge e) {
            throw ApiError.of(ErrorCode.MALFORMED_INPUT, e.getMessage() + ".");
        }
    }
}
