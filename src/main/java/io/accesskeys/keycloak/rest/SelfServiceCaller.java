package io.accesskeys.keycloak.rest;

import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

/**
 * The user behind a self-service request, and how their session was established.
 *
 * @param identityProvider the alias of the identity provider that brokered the session, or null for a local login
 */
public record SelfServiceCaller(UserModel user, UserSessionModel session, AccessToken token, String identityProvider) {

    /** Keycloak's user session note that holds the broker alias (set at identity-provider login). */
    public static final String IDENTITY_PROVIDER_NOTE = "identity_provider";

    public boolean federated() {
        return identityProvider != null;
    }
}
