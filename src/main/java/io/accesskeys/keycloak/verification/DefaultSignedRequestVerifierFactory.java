package io.accesskeys.keycloak.verification;

import java.time.Duration;
import java.util.List;

import io.accesskeys.keycloak.sealing.OpenedSecretCache;
import io.accesskeys.keycloak.signing.RequestVerifier;
import io.accesskeys.keycloak.signing.SigningKeyCache;
import io.accesskeys.keycloak.usage.UsageRecorder;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.timer.TimerProvider;

/**
 * Holds what verification keeps across requests on this node: the signing core (with its cache of derived SigV4
 * signing keys), the key-owner cache and the last-use memo. None of them authorises anything by itself; each is
 * bounded and evicts one entry at a time. Sizes: {@code --spi-access-keys-verification--default--<option>}.
 */
public class DefaultSignedRequestVerifierFactory implements SignedRequestVerifierFactory {

    public static final String ID = "default";
    static final String SIGNING_KEY_CACHE_SIZE = "signing-key-cache-size";
    static final String KEY_OWNER_CACHE_SIZE = "key-owner-cache-size";
    static final String LAST_USE_MEMO_SIZE = "last-use-memo-size";
    static final String WARM_UP_KEYS = "warm-up-keys";
    static final String LAST_USE_WRITE_MILLIS = "last-use-write-millis";
    private static final int DEFAULT_SIGNING_KEYS = SigningKeyCache.DEFAULT_MAX_ENTRIES;
    private static final int DEFAULT_OWNERS = 100_000;
    private static final int DEFAULT_LAST_USES = 100_000;
    /** As many as Keycloak's user cache holds by default ({@code --cache-embedded-users-max-count}). */
    private static final int DEFAULT_WARM_UP_KEYS = 10_000;
    /**
     * A tenth of a core at most for the last-use writes. That wrote about 500 rows a second on H2 with 100 000 users
     * (450 000 keys in continuous use: one write per key per 15 minutes); a database server takes more.
     */
    private static final int DEFAULT_LAST_USE_WRITE_MILLIS = 100;

    private static final String FLUSH_TASK = "access-keys-last-use-flush";
    private static final Logger LOG = Logger.getLogger(DefaultSignedRequestVerifierFactory.class);

    private KeycloakSessionFactory sessionFactory;
    private RequestVerifier verifier;
    private KeyOwnerCache owners;
    private OpenedSecretCache opened;
    private PermanentKeyResolver permanentKeys;
    private UsageRecorder usage;
    private KeyCacheWarmer warmer;

    @Override
    public SignedRequestVerifier create(KeycloakSession session) {
        return new DefaultSignedRequestVerifier(session, this);
    }

    RequestVerifier verifier() {
        return verifier;
    }

    PermanentKeyResolver permanentKeys() {
        return permanentKeys;
    }

    UsageRecorder usage() {
        return usage;
    }

    KeyCacheWarmer warmer() {
        return warmer;
    }

    /** Drops what this node holds about a key (called for every deletion, and when a key is disabled). */
    void forget(String accessKeyId) {
        verifier.cache().invalidate(accessKeyId);
        owners.forget(accessKeyId);
        opened.forget(accessKeyId);
        usage.forget(accessKeyId);
    }

    @Override
    public void init(Config.Scope config) {
        verifier = new RequestVerifier(KeycloakClock.INSTANCE,
                new SigningKeyCache(positive(config, SIGNING_KEY_CACHE_SIZE, DEFAULT_SIGNING_KEYS)));
        owners = new KeyOwnerCache(positive(config, KEY_OWNER_CACHE_SIZE, DEFAULT_OWNERS));
        // As many opened secrets as remembered owners: both are per key in use.
        opened = new OpenedSecretCache(positive(config, KEY_OWNER_CACHE_SIZE, DEFAULT_OWNERS));
        permanentKeys = new PermanentKeyResolver(owners, opened);
        usage = new UsageRecorder(positive(config, LAST_USE_MEMO_SIZE, DEFAULT_LAST_USES),
                Duration.ofMillis(positive(config, LAST_USE_WRITE_MILLIS, DEFAULT_LAST_USE_WRITE_MILLIS)));
        int warmUpKeys = config.getInt(WARM_UP_KEYS, DEFAULT_WARM_UP_KEYS);
        if (warmUpKeys < 0) {
            throw new IllegalArgumentException("--spi-" + SignedRequestVerifierSpi.NAME + "--" + ID + "--" + WARM_UP_KEYS
                    + " must be at least 0, was " + warmUpKeys);
        }
        warmer = new KeyCacheWarmer(owners, permanentKeys, warmUpKeys);
    }

    private static int positive(Config.Scope config, String name, int fallback) {
        int value = config.getInt(name, fallback);
        if (value < 1) {
            throw new IllegalArgumentException("--spi-" + SignedRequestVerifierSpi.NAME + "--" + ID + "--" + name
                    + " must be at least 1, was " + value);
        }
        return value;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.sessionFactory = factory;
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                // Node-local (every node writes its own uses), so Keycloak's plain timer rather than the cluster-aware runner.
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .schedule(() -> usage.flush(factory), UsageRecorder.FLUSH_INTERVAL.toMillis(), FLUSH_TASK));
                warmer.warmAtStart(factory);
            }
        });
    }

    @Override
    public void close() {
        if (sessionFactory != null) {
            try {
                usage.flushAtShutdown(sessionFactory);
            } catch (RuntimeException e) {
                // The database may already be closed at shutdown; last uses inform, they never authorise.
                LOG.debugf("Last uses not written at shutdown: %s", e.getMessage());
            }
        }
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(SIGNING_KEY_CACHE_SIZE).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Derived SigV4 signing keys kept (one per key, day, region and service in use).")
                .defaultValue(DEFAULT_SIGNING_KEYS).add()
                .property().name(KEY_OWNER_CACHE_SIZE).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Access key IDs whose owner is remembered (saves one database read per request).")
                .defaultValue(DEFAULT_OWNERS).add()
                .property().name(LAST_USE_MEMO_SIZE).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Access keys whose last-use write this node remembers (at most one write per key per 15 minutes).")
                .defaultValue(DEFAULT_LAST_USES).add()
                .property().name(LAST_USE_WRITE_MILLIS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Milliseconds per second a node spends writing last uses at most (at least one batch of "
                        + "250 keys a second); a burst of first uses is written over the following seconds.")
                .defaultValue(DEFAULT_LAST_USE_WRITE_MILLIS).add()
                .property().name(WARM_UP_KEYS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Keys whose owner, user and secret a node loads into its caches when it starts, most recently "
                        + "used first (0: none).")
                .defaultValue(DEFAULT_WARM_UP_KEYS).add()
                .build();
    }
}
