package io.accesskeys.keycloak.lifecycle;

import java.util.List;

import io.accesskeys.keycloak.credential.AccessKeyStore;
import org.keycloak.Config;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Registers the {@code access-key} credential type and holds the server-wide quota:
 * {@code --spi-credential--access-key--quota=N} (default 2). Once the database is ready it installs
 * {@link KeyDeletionListener}, so that every deletion of a key has the same after-effects.
 */
public class AccessKeyCredentialProviderFactory implements CredentialProviderFactory<AccessKeyCredentialProvider> {

    public static final int DEFAULT_QUOTA = 2;
    private int quota = DEFAULT_QUOTA;

    /** How many permanent keys one user may hold on this server. */
    public static int quota(KeycloakSession session) {
        var factory = (AccessKeyCredentialProviderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(CredentialProvider.class, AccessKeyStore.TYPE);
        return factory.quota;
    }

    @Override
    public AccessKeyCredentialProvider create(KeycloakSession session) {
        return new AccessKeyCredentialProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
        int configured = config.getInt("quota", DEFAULT_QUOTA);
        if (configured < 1) {
            throw new IllegalArgumentException("--spi-credential--access-key--quota must be at least 1, was " + configured);
        }
        quota = configured;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeyDeletionListener.install(factory);
            }
        });
    }

    @Override
    public String getId() {
        return AccessKeyStore.TYPE;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("quota").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("How many permanent access keys one user may hold.")
                .defaultValue(DEFAULT_QUOTA).add()
                .build();
    }
}
