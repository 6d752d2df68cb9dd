package io.accesskeys.keycloak.rest;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers {@code /realms/{realm}/access-keys}. */
public class AccessKeysResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "access-keys";

    private AccessKeysConfig config;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        AccessKeysRealmResource resource = new AccessKeysRealmResource(session, config);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope scope) {
        config = AccessKeysConfig.from(scope);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("quota").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("How many permanent access keys one user may hold.")
                .defaultValue(AccessKeysConfig.DEFAULT_QUOTA).add()
                .build();
    }
}
