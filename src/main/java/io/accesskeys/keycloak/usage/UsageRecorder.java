package io.accesskeys.keycloak.usage;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.EntityManager;

import io.accesskeys.keycloak.verification.VerifiedKey;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Records a key's last use at most once per key per {@link #WINDOW}: a node remembers when it last wrote a key, and
 * the database write itself only replaces a row older than the window, so that several nodes together still write
 * about once per window. The write runs in its own transaction: it never touches the credential (no user cache
 * invalidation) and its failure never fails the request that was verified.
 */
public final class UsageRecorder {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);
    private static final int MAX_REMEMBERED = 100_000;
    private static final Map<String, Long> LAST_WRITTEN = new ConcurrentHashMap<>();

    private UsageRecorder() {
    }

    public static void record(KeycloakSession session, RealmModel realm, VerifiedKey key) {
        long now = Time.currentTimeMillis();
        Long last = LAST_WRITTEN.get(key.accessKeyId());
        if (last != null && now - last < WINDOW.toMillis() && now >= last) {
            return;
        }
        if (LAST_WRITTEN.size() >= MAX_REMEMBERED) {
            LAST_WRITTEN.clear();
        }
        LAST_WRITTEN.put(key.accessKeyId(), now);

        AccessKeyUsageEntity use = new AccessKeyUsageEntity();
        use.setAccessKeyId(key.accessKeyId());
        use.setRealmId(realm.getId());
        use.setUserId(key.user().getId());
        use.setLastUsedAt(now);
        use.setClientIp(truncate(session.getContext().getConnection().getRemoteAddr(), 64));
        use.setScheme(key.signature().scheme().wireName());
        use.setRegion(truncate(key.signature().region(), 64));
        use.setService(truncate(key.signature().service(), 64));
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> write(own, use, now));
        } catch (RuntimeException e) {
            // Usually another node inserting the same key's first use at the same moment.
            LOG.debugf("Last use of %s not recorded: %s", key.accessKeyId(), e.getMessage());
        }
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

    /** Forgets what this node wrote (tests that move the clock, and keys that are deleted). */
    public static void forget(String accessKeyId) {
        LAST_WRITTEN.remove(accessKeyId);
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
