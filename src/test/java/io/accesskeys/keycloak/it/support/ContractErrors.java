package io.accesskeys.keycloak.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on the contract's error answers, {@code {"error": CODE, "error_description": text}}. */
public final class ContractErrors {

    private ContractErrors() {
    }

    /** The answer has this status and code, and says why; returns its body. */
    public static JsonNode assertCode(Http.Response response, int status, String code) {
        assertEquals(status, response.status(), response.body());
        JsonNode body = response.json();
        assertEquals(code, body.get("error").asText(), response.body());
        assertFalse(body.get("error_description").asText().isBlank());
        return body;
    }
}
