package io.accesskeys.keycloak.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the account console needs to decide what to show: {@code GET /me}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MeRepresentation(
        String username,
        boolean federated,
        String identityProvider,
        boolean canCreatePermanent,
        boolean canCreateTemporary,
        int quota,
        boolean operationProtection) {
}
