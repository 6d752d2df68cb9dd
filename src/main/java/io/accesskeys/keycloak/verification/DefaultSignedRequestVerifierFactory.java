package io.accesskeys.keycloak.verification;

import java.util.List;

import io.accesskeys.keycloak.sealing.OpenedSecretCache;
import io.accesskeys.keycloak.signing.RequestVerifier;
import io.accesskeys.keycloak.signing.SigningKeyCache;
import io.accesskeys.keycloak.usage.UsageRecorder;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

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
    private static final int DEFAULT_SIGNING_KEYS = SigningKeyCache.DEFAULT_MAX_ENTRIES;
    private static final int DEFAULT_OWNERS = 100_000;
    private static final int DEFAULT_LAST_USES = 100_000;

    private RequestVerifier verifier;
    private KeyOwnerCache owners;
    private OpenedSecretCache opened;
    private PermanentKeyResolver permanentKeys;
    private UsageRecorder usage;

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
        usage = new UsageRecorder(positive(config, LAST_USE_MEMO_SIZE, DEFAULT_LAST_USES));
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
                .property().name(SIGNING_KEY_CACHE_SIZE).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Derived SigV4 signing keys kept (one per key, day, region and service in use).")
                .defaultValue(DEFAULT_SIGNING_KEYS).add()
                .property().name(KEY_OWNER_CACHE_SIZE).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Access key IDs whose owner is remembered (saves one database read per request).")
                .defaultValue(DEFAULT_OWNERS).add()
                .property().name(LAST_USE_MEMO_SIZE).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Access keys whose last-use write this node remembers (at most one write per key per 15 minutes).")
                .defaultValue(DEFAULT_LAST_USES).add()
                .build();
    }
}
