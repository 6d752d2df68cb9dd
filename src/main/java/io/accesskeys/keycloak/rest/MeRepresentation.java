package io.accesskeys.keycloak.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the account console needs to decide what to show: {@code GET /me}. The temporary-key durations go beyond the
 * design's list (added fields only), so that the console's validity picker offers just what the realm allows.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MeRepresentation(
        String username,
        boolean federated,
        String identityProvider,
        boolean canCreatePermanent,
        boolean canCreateTemporary,
        int quota,
        boolean operationProtection,
        int temporaryMinDurationSeconds,
        int temporaryMaxDurationSeconds,
        int temporaryDefaultDurationSeconds,
        Integer maxKeyAgeDays) {
}
