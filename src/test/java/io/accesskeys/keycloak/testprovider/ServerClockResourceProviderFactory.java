package io.accesskeys.keycloak.testprovider;

import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Test-only provider (packaged into a separate jar that only the integration tests deploy): moves Keycloak's clock,
 * {@code PUT /realms/master/test-server-clock?offset=SECONDS}, so that expiry can be tested without waiting.
 */
public class ServerClockResourceProviderFactory implements RealmResourceProviderFactory, RealmResourceProvider {

    @Override
    public Object getResource() {
        return this;
    }

    @PUT
    @Path("")
    public Response setOffset(@QueryParam("offset") int offsetSeconds) {
        Time.setOffset(offsetSeconds);
        return Response.noContent().build();
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return "test-server-clock";
    }
}
