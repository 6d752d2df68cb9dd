package io.accesskeys.keycloak.lifecycle;

import java.util.List;

import io.accesskeys.keycloak.credential.AccessKeyStore;
import org.keycloak.Config;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Registers the {@code access-key} credential type and holds the server-wide quota:
 * {@code --spi-credential--access-key--quota=N} (default 2). Once the database is ready it installs
 * {@link KeyDeletionListener}, so that every deletion of a key has the same after-effects, and schedules
 * {@link KeyHygieneTask} every {@code --spi-credential--access-key--hygiene-interval} seconds (default 3600).
 */
public class AccessKeyCredentialProviderFactory implements CredentialProviderFactory<AccessKeyCredentialProvider> {

    public static final int DEFAULT_QUOTA = 2;
    /** Seconds between runs of the key hygiene task (retirement of unused keys, rotation events). */
    public static final int DEFAULT_HYGIENE_INTERVAL = 3600;
    static final String HYGIENE_INTERVAL = "hygiene-interval";
    private int quota = DEFAULT_QUOTA;
    private int hygieneIntervalSeconds = DEFAULT_HYGIENE_INTERVAL;

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
        int interval = config.getInt(HYGIENE_INTERVAL, DEFAULT_HYGIENE_INTERVAL);
        if (interval < 1) {
            throw new IllegalArgumentException("--spi-credential--access-key--" + HYGIENE_INTERVAL
                    + " must be at least 1 (seconds), was " + interval);
        }
        hygieneIntervalSeconds = interval;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeyDeletionListener.install(factory);
                scheduleHygiene(factory);
            }
        });
    }

    /** One run per interval in the whole cluster: Keycloak's cluster-aware runner takes a cluster-wide lock. */
    private void scheduleHygiene(KeycloakSessionFactory factory) {
        long intervalMillis = hygieneIntervalSeconds * 1000L;
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class).schedule(
                new ClusterAwareScheduledTaskRunner(factory, new KeyHygieneTask(), intervalMillis), intervalMillis,
                KeyHygieneTask.NAME));
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
                .property().name(HYGIENE_INTERVAL).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Seconds between runs of the key hygiene task (one node of the cluster runs it): retiring "
                        + "unused keys and announcing keys due for rotation, in realms that turned these on.")
                .defaultValue(DEFAULT_HYGIENE_INTERVAL).add()
                .build();
    }
}
