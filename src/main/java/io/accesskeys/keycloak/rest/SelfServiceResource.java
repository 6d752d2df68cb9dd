package io.accesskeys.keycloak.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.settings.AccessKeySettings;
import io.accesskeys.keycloak.settings.RealmSettingsStore;
import org.keycloak.models.KeycloakSession;

/** {@code /realms/{realm}/access-keys/me...}: a user's own keys, with the user's bearer token. */
public class SelfServiceResource {

    private final KeycloakSession session;
    private final AccessKeysConfig config;

    SelfServiceResource(KeycloakSession session, AccessKeysConfig config) {
        this.session = session;
        this.config = config;
    }

    /** CORS preflight for every path below {@code /me} (the root resource's catch-all does not reach here). */
    @OPTIONS
    @Path("{any:.*}")
    public Response preflight() {
        return AccessKeysRealmResource.preflightResponse();
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public MeRepresentation me() {
        SelfServiceCaller caller = UserTokenAuthenticator.authenticate(session);
        AccessKeySettings settings = RealmSettingsStore.read(session.getContext().getRealm());
        boolean federated = caller.federated();
        return new MeRepresentation(
                caller.user().getUsername(),
                federated,
                caller.identityProvider(),
                !federated || settings.allowPermanentForFederatedUsers(),
                federated ? settings.identityProviderQualifies(caller.identityProvider()) : settings.allowTemporaryForLocalUsers(),
                config.quota(),
                settings.operationProtection());
    }
}
