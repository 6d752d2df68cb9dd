package io.accesskeys.keycloak.rest;

import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.cors.Cors;

/** {@code /realms/{realm}/access-keys}: the extension's realm resource. */
public class AccessKeysRealmResource {

    private final KeycloakSession session;

    public AccessKeysRealmResource(KeycloakSession session) {
        this.session = session;
    }

    @Path("me")
    public SelfServiceResource me() {
        return new SelfServiceResource(session);
    }

    @Path("whoami")
    public WhoamiResource whoami() {
        return new WhoamiResource(session);
    }

    @Path("verify")
    public GatewayVerifyResource verify() {
        return new GatewayVerifyResource(session);
    }

    @Path("sts")
    public StsResource sts() {
        return new StsResource(session);
    }

    /** Any method: gateways call with GET or with the original request's method. */
    @Path("forward-auth")
    public ForwardAuthResource forwardAuth() {
        return new ForwardAuthResource(session);
    }

    /** CORS preflight; the real request is then checked against the token's web origins. */
    @OPTIONS
    @Path("{any:.*}")
    public Response preflight() {
        return preflightResponse();
    }

    static Response preflightResponse() {
        return Cors.builder().allowAllOrigins().preflight()
                .allowedMethods(UserTokenAuthenticator.SELF_SERVICE_METHODS).auth()
                .add(Response.ok());
    }
}
