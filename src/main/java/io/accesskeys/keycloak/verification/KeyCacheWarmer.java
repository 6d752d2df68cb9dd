package io.accesskeys.keycloak.verification;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.accesskeys.keycloak.credential.AccessKeyStore;
import io.accesskeys.keycloak.signing.KeyResolution;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Loads into this node's caches what verifying a permanent key reads: its owner, its user with credentials and role
 * mappings (Keycloak's user cache) and its opened secret, by resolving the key as a request would
 * ({@link PermanentKeyResolver#warm}) and computing its effective roles. A key's first request on a node then reads
 * nothing from the database; without this, at 200 000 keys, that first request loaded its user and cost four times a
 * warm one. It runs at node start for the most recently used keys (up to {@code warm-up-keys}, while the heap has
 * room), and after each creation for the new key (whose credential write has just dropped its user from the cache).
 * Always in Keycloak's executor, never on a request thread; a failure only leaves caches cold.
 */
final class KeyCacheWarmer {

    static final String EXECUTOR = "access-keys-warm-up";
    private static final int KEYS_PER_TRANSACTION = 200;
    private static final Logger LOG = Logger.getLogger(KeyCacheWarmer.class);

    record KeyToWarm(String realmId, String userId, String accessKeyId) {
    }

    private final KeyOwnerCache owners;
    private final PermanentKeyResolver resolver;
    private final int maxKeys;
    private final HeapHeadroom heap = new HeapHeadroom();
    private volatile Executor executor;

    KeyCacheWarmer(KeyOwnerCache owners, PermanentKeyResolver resolver, int maxKeys) {
        this.owners = owners;
        this.resolver = resolver;
        this.maxKeys = maxKeys;
    }

    /**
     * At node start, in the background: the {@code maxKeys} keys used (or, never used, created) most recently, a
     * transaction per chunk, on as many of the pool's threads as the node has processors (at 200 000 keys one thread
     * took minutes).
     */
    void warmAtStart(KeycloakSessionFactory factory) {
        if (maxKeys == 0) {
            return;
        }
        Executor pool = executor(factory);
        long started = System.nanoTime();
        CompletableFuture
                .supplyAsync(() -> KeycloakModelUtils.runJobInTransactionWithResult(factory, this::mostRecent), pool)
                .thenCompose(keys -> inParallel(factory, keys, pool))
                .whenComplete((count, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        LOG.warnf("Access keys: caches not warmed: %s", cause.toString());
                    } else {
                        LOG.infof("Access keys: caches warmed with %d keys in %d ms", count,
                                (System.nanoTime() - started) / 1_000_000);
                    }
                });
    }

    /** The keys warmed, in chunks, until they are all warm or the heap has no room left. */
    private CompletableFuture<Integer> inParallel(KeycloakSessionFactory factory, List<KeyToWarm> keys, Executor pool) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger warmed = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
                (keys.size() + KEYS_PER_TRANSACTION - 1) / KEYS_PER_TRANSACTION));
        CompletableFuture<?>[] running = new CompletableFuture<?>[workers];
        for (int i = 0; i < workers; i++) {
            running[i] = CompletableFuture.runAsync(() -> {
                for (int from = next.getAndAdd(KEYS_PER_TRANSACTION); from < keys.size();
                     from = next.getAndAdd(KEYS_PER_TRANSACTION)) {
                    if (!heap.roomToWarm()) {
                        if (stopped.compareAndSet(false, true)) {
                            LOG.warnf("Access keys: cache warm-up stopped after %d of %d keys, the heap being %.0f %% "
                                            + "full: give the node more heap, or lower warm-up-keys or Keycloak's user "
                                            + "cache (--cache-embedded-users-max-count)", warmed.get(), keys.size(),
                                    heap.usedShare() * 100);
                        }
                        return;
                    }
                    List<KeyToWarm> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_TRANSACTION));
                    warm(factory, chunk);
                    warmed.addAndGet(chunk.size());
                }
            }, pool);
        }
        return CompletableFuture.allOf(running).thenApply(done -> warmed.get());
    }

    /** Once {@code session}'s transaction committed (its credential write invalidated the user): this key. */
    void warmAfterCommit(KeycloakSession session, KeyToWarm key) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                executor(factory).execute(() -> {
                    try {
                        warm(factory, List.of(key));
                    } catch (RuntimeException e) {
                        LOG.debugf("Access key %s not warmed: %s", key.accessKeyId(), e.toString());
                    }
                });
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    private List<KeyToWarm> mostRecent(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createQuery("select u.realmId, u.id, c.id from CredentialEntity c join c.user u "
                        + "left join AccessKeyUsageEntity k on k.accessKeyId = c.id where c.type = :type "
                        + "order by coalesce(k.lastUsedAt, c.createdDate) desc", Object[].class)
                .setParameter("type", AccessKeyStore.TYPE)
                .setMaxResults(maxKeys)
                .getResultStream()
                .map(row -> new KeyToWarm((String) row[0], (String) row[1], (String) row[2]))
                .toList();
    }

    /** One transaction for these keys (at most {@link #KEYS_PER_TRANSACTION}). */
    private void warm(KeycloakSessionFactory factory, List<KeyToWarm> keys) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> keys.forEach(key -> warm(session, key)));
    }

    private void warm(KeycloakSession session, KeyToWarm key) {
        RealmModel realm = session.realms().getRealm(key.realmId());
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        // Known from the query: the resolver need not read it.
        owners.remember(key.accessKeyId(), realm.getId(), key.userId());
        if (resolver.warm(session, realm, key.accessKeyId()) instanceof KeyResolution.Found<ResolvedKey> found) {
            if (found.key().refusal() == null) {
                found.key().effectiveRoles();
            }
            found.secret().destroy();
        }
    }

    /** Keycloak's pool, looked up once: each lookup opens a session, and every key creation hands work to it. */
    private Executor executor(KeycloakSessionFactory factory) {
        Executor known = executor;
        if (known == null) {
            try (KeycloakSession session = factory.create()) {
                known = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
            }
            executor = known;
        }
        return known;
    }
}
