package io.accesskeys.keycloak.usage;

import java.time.Duration;

import jakarta.persistence.EntityManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Records a key's last use at most once per key per {@link #WINDOW}: a node remembers when it last wrote a key (a
 * bounded memo), and the database write itself only replaces a row older than the window, so that several nodes
 * together still write about once per window. The write runs in its own transaction: it never touches the
 * credential (no user cache invalidation) and its failure never fails the request that was verified. One per node.
 */
public final class UsageRecorder {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);

    private final Cache<String, Long> lastWritten;

    public UsageRecorder(long maxRemembered) {
        lastWritten = Caffeine.newBuilder().maximumSize(maxRemembered).build();
    }

    public void record(KeycloakSession session, KeyUse use) {
        long now = Time.currentTimeMillis();
        Long last = lastWritten.getIfPresent(use.accessKeyId());
        if (last != null && now - last < WINDOW.toMillis() && now >= last) {
            return;
        }
        lastWritten.put(use.accessKeyId(), now);

        AccessKeyUsageEntity row = new AccessKeyUsageEntity();
        row.setAccessKeyId(use.accessKeyId());
        row.setRealmId(use.realmId());
        row.setUserId(use.userId());
        row.setLastUsedAt(now);
        row.setClientIp(truncate(use.clientIp(), 64));
        row.setScheme(use.scheme());
        row.setRegion(truncate(use.region(), 64));
        row.setService(truncate(use.service(), 64));
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> write(own, row, now));
        } catch (RuntimeException e) {
            // Usually another node inserting the same key's first use at the same moment.
            LOG.debugf("Last use of %s not recorded: %s", use.accessKeyId(), e.getMessage());
        }
    }

    /** Forgets what this node wrote about a key (deleted keys, and tests that move the clock). */
    public void forget(String accessKeyId) {
        lastWritten.invalidate(accessKeyId);
    }

    private static void write(KeycloakSession session, AccessKeyUsageEntity use, long now) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        int updated = em.createQuery("update AccessKeyUsageEntity u set u.lastUsedAt = :now, u.clientIp = :ip, "
                        + "u.scheme = :scheme, u.region = :region, u.service = :service "
                        + "where u.accessKeyId = :ak and u.lastUsedAt <= :before")
                .setParameter("now", now)
                .setParameter("ip", use.getClientIp())
                .setParameter("scheme", use.getScheme())
                .setParameter("region", use.getRegion())
                .setParameter("service", use.getService())
                .setParameter("ak", use.getAccessKeyId())
                .setParameter("before", now - WINDOW.toMillis())
                .executeUpdate();
        if (updated == 0 && em.find(AccessKeyUsageEntity.class, use.getAccessKeyId()) == null) {
            em.persist(use);
        }
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
