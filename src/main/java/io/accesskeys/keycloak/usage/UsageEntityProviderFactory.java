package io.accesskeys.keycloak.usage;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Adds the usage table to Keycloak's JPA model, with its Liquibase changelog, and removes usage rows when their user
 * or realm goes. The ID names Liquibase's tracking table (DATABASECHANGELOG_ACCESS_KEY): it must never change.
 */
public class UsageEntityProviderFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String ID = "access-keys";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of(AccessKeyUsageEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/access-keys-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof UserModel.UserRemovedEvent removed) {
                delete(removed.getKeycloakSession(), "userId", removed.getUser().getId());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                delete(removed.getKeycloakSession(), "realmId", removed.getRealm().getId());
            }
        });
    }

    private static void delete(KeycloakSession session, String field, String id) {
        session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createQuery("delete from AccessKeyUsageEntity u where u." + field + " = :id")
                .setParameter("id", id)
                .executeUpdate();
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
