package io.accesskeys.keycloak.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.verification.HttpSignedRequests;
import io.accesskeys.keycloak.verification.SignedRequestVerifier;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** {@code GET|POST /realms/{realm}/access-keys/whoami}: authenticated by the request's own signature. */
public class WhoamiResource {

    private final KeycloakSession session;

    WhoamiResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return whoami(null);
    }

    @POST
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(byte[] body) {
        return whoami(body);
    }

    private Response whoami(byte[] body) {
        RealmModel realm = session.getContext().getRealm();
        var outcome = SignedRequestVerifier.verifyAny(session, realm, HttpSignedRequests.current(session, body));
        if (outcome instanceof SignedRequestVerifier.Accepted accepted) {
            return Response.ok(IdentityRepresentation.of(realm.getName(), accepted.key()), MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        return SignatureErrors.response(((SignedRequestVerifier.Refused) outcome).rejection());
    }
}
