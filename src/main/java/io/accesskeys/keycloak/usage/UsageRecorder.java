package io.accesskeys.keycloak.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
 * {@link #FLUSH_INTERVAL}, and at shutdown) writes what was noted, up to {@link #BATCH} keys per transaction. A first
 * use then costs no transaction of its own, which is what dominated a key's first use at large key counts. A use
 * not written yet is still shown on this node ({@link #pending}); a crash loses at most one interval of last uses,
 * which say when a key was last seen and never authorise anything. The write never touches the credential (no user
 * cache invalidation) and its failure never fails a request. One per node.
 */
public final class UsageRecorder {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** Keys per transaction (one {@code in} list: below every database's parameter limit). */
    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);

    private record Noted(KeyUse use, long at) {
    }

    private final Cache<String, Long> lastWritten;
    /** At most one entry per key (the latest use), so bounded by the number of keys in use. */
    private final Map<String, Noted> pending = new ConcurrentHashMap<>();

    public UsageRecorder(long maxRemembered) {
        lastWritten = Caffeine.newBuilder().maximumSize(maxRemembered).build();
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

    /**
     * Writes the noted uses, a batch per transaction. A batch that fails (usually another node inserting the same
     * key's first use at the same moment) is written again key by key, so that one conflict loses nothing else.
     */
    public void flush(KeycloakSessionFactory factory) {
        while (!pending.isEmpty()) {
            List<Map.Entry<String, Noted>> batch = new ArrayList<>(BATCH);
            for (Map.Entry<String, Noted> entry : pending.entrySet()) {
                batch.add(Map.entry(entry.getKey(), entry.getValue()));
                if (batch.size() == BATCH) {
                    break;
                }
            }
            List<Noted> uses = batch.stream().map(Map.Entry::getValue).toList();
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> write(session, uses));
            } catch (RuntimeException batchFailed) {
                int lost = 0;
                for (Noted use : uses) {
                    try {
                        KeycloakModelUtils.runJobInTransaction(factory, session -> write(session, List.of(use)));
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
            batch.forEach(entry -> pending.remove(entry.getKey(), entry.getValue()));
        }
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
