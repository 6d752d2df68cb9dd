package io.accesskeys.keycloak.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.signing.Verdict;

/**
 * A refused signature as the contract answers it: the code's status and {@code {"error","error_description"}}, plus
 * the server's canonical request and string to sign on {@code SignatureDoesNotMatch} (they hold no secret and let a
 * client find what it signed differently).
 */
public final class SignatureErrors {

    private SignatureErrors() {
    }

    public static Map<String, Object> body(Verdict.Rejected<?> rejection) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", rejection.code());
        body.put("error_description", rejection.description());
        if (rejection.error() == ErrorCode.SIGNATURE_DOES_NOT_MATCH && rejection.canonicalRequest() != null) {
            body.put("canonicalRequest", rejection.canonicalRequest());
            body.put("stringToSign", rejection.stringToSign());
        }
        return body;
    }

    public static Response response(Verdict.Rejected<?> rejection) {
        return Response.status(rejection.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(body(rejection)).build();
    }
}
