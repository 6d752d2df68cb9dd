package io.accesskeys.keycloak.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.api.ApiError;
import io.accesskeys.keycloak.api.IdentityRepresentation;
import io.accesskeys.keycloak.api.RequestContentType;
import io.accesskeys.keycloak.api.SignatureErrors;
import io.accesskeys.keycloak.signing.SignedRequest;
import io.accesskeys.keycloak.verification.HttpSignedRequests;
import io.accesskeys.keycloak.verification.SignedRequestVerifier;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code GET|POST /realms/{realm}/access-keys/whoami}: authenticated by the request's own signature. The POST takes
 * no entity parameter: the body is read as the exact bytes the client sent, whatever its content type.
 */
public class WhoamiResource {

    private final KeycloakSession session;

    WhoamiResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return whoami();
    }

    @POST
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response post() {
        return whoami();
    }

    private Response whoami() {
        RealmModel realm = session.getContext().getRealm();
        RequestContentType.requireParseable(session);
        SignedRequest request;
        try {
            request = HttpSignedRequests.current(session);
        } catch (HttpSignedRequests.Unreadable e) {
            throw ApiError.of(e.error(), e.getMessage());
        }
        var outcome = session.getProvider(SignedRequestVerifier.class).verify(realm, request);
        if (outcome instanceof SignedRequestVerifier.Accepted accepted) {
            return Response.ok(IdentityRepresentation.of(realm.getName(), accepted.key()), MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        return SignatureErrors.response(((SignedRequestVerifier.Refused) outcome).rejection());
    }
}
