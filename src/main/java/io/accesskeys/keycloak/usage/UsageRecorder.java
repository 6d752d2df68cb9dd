package io.accesskeys.keycloak.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Records a key's last use at most once per key per {@link #WINDOW}: a node remembers when it last wrote a key (a
 * bounded memo), and the database write itself only replaces a row older than the window, so that several nodes
 * together still write about once per window.
 *
 * <p>Writes are behind: a verified request only notes the use in memory, and {@link #flush} (every
 * {@link #FLUSH_INTERVAL}) writes what was noted, {@link #BATCH} keys per transaction, batch after batch until its time
 * budget is spent (at least one batch); {@link #flushAtShutdown} writes for up to 10 s more. A first use then costs
 * no transaction of its own, which is what dominated a key's first use at large key counts; and a burst of first
 * uses (many clients starting at once) is written over the following seconds instead of taking a core from the
 * requests while it lasts: on H2 a row cost 0.2–0.4 ms of CPU with 100 000 users, so 7 000 first uses a second kept
 * one of two cores writing. A budget in time rather than in rows adapts to the database: a remote one writes a batch
 * in a fraction of H2's time. The flush goes round the noted uses, so none waits behind later ones. A use not
 * written yet is still shown on this node ({@link #pending}); a crash loses the uses not written yet, which say when
 * a key was last seen and never authorise anything. The write never touches the credential (no user cache
 * invalidation) and its failure never fails a request. One per node.
 */
public final class UsageRecorder {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    static final Duration SHUTDOWN_BUDGET = Duration.ofSeconds(10);
    /**
     * Keys per transaction (one {@code in} list: below every database's parameter limit); small enough that one batch
     * on H2 (50–100 ms with 100 000 users) stays within a flush's default budget.
     */
    static final int BATCH = 250;
    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);

    record Noted(KeyUse use, long at) {
    }

    private final Cache<String, Long> lastWritten;
    /** At most one entry per key (the latest use), so bounded by the number of keys in use. */
    private final Map<String, Noted> pending = new ConcurrentHashMap<>();
    private final long budgetNanos;
    /** Where the last flush stopped in {@link #pending} (weakly consistent: never fails on concurrent changes). */
    private Iterator<Map.Entry<String, Noted>> cursor;

    /**
     * @param maxRemembered  keys whose last write this node remembers
     * @param budget         time one {@link #flush} spends writing, at most (once a batch is written)
     */
    public UsageRecorder(long maxRemembered, Duration budget) {
        lastWritten = Caffeine.newBuilder().maximumSize(maxRemembered).build();
        this.budgetNanos = budget.toNanos();
    }

    public void record(KeyUse use) {
        long now = Time.currentTimeMillis();
        Long last = lastWritten.getIfPresent(use.accessKeyId());
        if (last != null && now - last < WINDOW.toMillis() && now >= last) {
            return;
        }
        lastWritten.put(use.accessKeyId(), now);
        pending.put(use.accessKeyId(), new Noted(use, now));
    }

    /** This node's use of a key that is not written yet, or null. */
    public LastUse pending(String accessKeyId) {
        Noted noted = pending.get(accessKeyId);
        return noted == null ? null : lastUse(noted);
    }

    /** Forgets what this node wrote or noted about a key (deleted keys, and tests that move the clock). */
    public void forget(String accessKeyId) {
        lastWritten.invalidate(accessKeyId);
        pending.remove(accessKeyId);
    }

    /** Writes one batch of noted uses in one transaction, or throws. */
    @FunctionalInterface
    interface BatchWriter {
        void write(List<Noted> uses);
    }

    /** Writes noted uses within the time budget (the rest waits for the next flush). */
    public void flush(KeycloakSessionFactory factory) {
        flush(inTransaction(factory), budgetNanos, System::nanoTime);
    }

    /**
     * Writes the noted uses at shutdown, for up to {@link #SHUTDOWN_BUDGET} (a stop that takes longer is usually cut
     * by whatever stops the node); says how many were not written.
     */
    public void flushAtShutdown(KeycloakSessionFactory factory) {
        flush(inTransaction(factory), SHUTDOWN_BUDGET.toNanos(), System::nanoTime);
        if (!pending.isEmpty()) {
            LOG.warnf("%d last uses of access keys not recorded at shutdown (time's up after %d s)", pending.size(),
                    SHUTDOWN_BUDGET.toSeconds());
        }
    }

    private static BatchWriter inTransaction(KeycloakSessionFactory factory) {
        return uses -> KeycloakModelUtils.runJobInTransaction(factory, session -> write(session, uses));
    }

    /**
     * Writes noted uses, a batch per transaction, until {@code budgetNanos} of {@code clock} have passed at the end of
     * a batch. A batch that fails (usually another node inserting the same key's first use at the same moment) is
     * written again key by key, so that one conflict loses nothing else.
     */
    synchronized void flush(BatchWriter writer, long budgetNanos, LongSupplier clock) {
        long started = clock.getAsLong();
        while (!pending.isEmpty()) {
            Map<String, Noted> batch = nextBatch(BATCH);
            if (batch.isEmpty()) {
                return; // forgotten meanwhile (deleted keys)
            }
            List<Noted> uses = List.copyOf(batch.values());
            try {
                writer.write(uses);
            } catch (RuntimeException batchFailed) {
                int lost = 0;
                for (Noted use : uses) {
                    try {
                        writer.write(List.of(use));
                    } catch (RuntimeException e) {
                        lost++;
                        LOG.debugf("Last use of %s not recorded: %s", use.use().accessKeyId(), e.getMessage());
                    }
                }
                if (lost > 0) {
                    // Every key's own write failed too: not a race between nodes but the database.
                    LOG.warnf("%d last uses of access keys not recorded: %s", lost, batchFailed.toString());
                }
            }
            // Only what was written: a newer use noted meanwhile stays for the next flush.
            batch.forEach(pending::remove);
            if (clock.getAsLong() - started >= budgetNanos) {
                return;
            }
        }
    }

    /**
     * Up to {@code size} noted uses, distinct keys, continuing after those of the previous batch (round the map, so
     * that with more noted than written per flush every key gets its turn). Each with its latest use, and none that
     * was forgotten since the cursor passed it (a deleted key gets no row). Called under {@link #flush}'s lock.
     */
    Map<String, Noted> nextBatch(int size) {
        Map<String, Noted> batch = new LinkedHashMap<>();
        boolean wrapped = false;
        while (batch.size() < size) {
            if (cursor == null || !cursor.hasNext()) {
                if (wrapped) {
                    break;
                }
                cursor = pending.entrySet().iterator();
                wrapped = true;
                continue;
            }
            String accessKeyId = cursor.next().getKey();
            Noted latest = pending.get(accessKeyId);
            if (latest != null && batch.putIfAbsent(accessKeyId, latest) != null) {
                break; // round the whole map: the rest is in this batch already
            }
        }
        return batch;
    }

    private static void write(KeycloakSession session, List<Noted> uses) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Map<String, AccessKeyUsageEntity> rows = em.createQuery(
                        "select u from AccessKeyUsageEntity u where u.accessKeyId in :aks", AccessKeyUsageEntity.class)
                .setParameter("aks", uses.stream().map(noted -> noted.use().accessKeyId()).toList())
                .getResultStream()
                .collect(Collectors.toMap(AccessKeyUsageEntity::getAccessKeyId, Function.identity()));
        for (Noted noted : uses) {
            AccessKeyUsageEntity row = rows.get(noted.use().accessKeyId());
            if (row == null) {
                row = new AccessKeyUsageEntity();
                row.setAccessKeyId(noted.use().accessKeyId());
                fill(row, noted);
                em.persist(row);
            } else if (row.getLastUsedAt() <= noted.at() - WINDOW.toMillis()) {
                fill(row, noted);
            }
        }
    }

    private static void fill(AccessKeyUsageEntity row, Noted noted) {
        KeyUse use = noted.use();
        row.setRealmId(use.realmId());
        row.setUserId(use.userId());
        row.setLastUsedAt(noted.at());
        row.setClientIp(truncate(use.clientIp(), 64));
        row.setScheme(use.scheme());
        row.setRegion(truncate(use.region(), 64));
        row.setService(truncate(use.service(), 64));
    }

    private static LastUse lastUse(Noted noted) {
        KeyUse use = noted.use();
        return new LastUse(Instant.ofEpochMilli(noted.at()), truncate(use.clientIp(), 64), use.scheme(),
                truncate(use.region(), 64), truncate(use.service(), 64));
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
