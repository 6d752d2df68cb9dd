package io.accesskeys.keycloak.it.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/** A token response. {@link #claims()} decodes the access token's payload (no verification: tests read only). */
public record Tokens(String accessToken, String refreshToken, String idToken, JsonNode raw) {

    static Tokens from(JsonNode response) {
        return new Tokens(text(response, "access_token"), text(response, "refresh_token"), text(response, "id_token"), response);
    }

    public JsonNode claims() {
        String payload = accessToken.split("\\.")[1];
        try {
            return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError("Unreadable access token", e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
