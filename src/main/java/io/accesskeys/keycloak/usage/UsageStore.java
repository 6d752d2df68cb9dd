package io.accesskeys.keycloak.usage;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** Reads last-use rows. */
public final class UsageStore {

    /** Removes the row of one key (parameter {@code ak}): run with each deletion of a key. */
    public static final String DELETE_BY_ACCESS_KEY_ID = "delete from AccessKeyUsageEntity u where u.accessKeyId = :ak";

    private final KeycloakSession session;

    public UsageStore(KeycloakSession session) {
        this.session = session;
    }

    /**
     * The last uses of these keys, the stored ones overlaid with this node's uses not written yet
     * ({@code notYetWritten}, see {@link UsageRecorder#pending}); keys never used are absent.
     */
    public Map<String, LastUse> lastUses(Collection<String> accessKeyIds, Function<String, LastUse> notYetWritten) {
        Map<String, LastUse> uses = new HashMap<>();
        if (accessKeyIds.isEmpty()) {
            return uses;
        }
        // The unwritten uses first: the flush commits a use before it drops it from memory, so a use that is gone
        // from memory by now is in the database for the query below; the other order could miss one in between.
        Map<String, LastUse> unwritten = new HashMap<>();
        for (String accessKeyId : accessKeyIds) {
            LastUse pending = notYetWritten.apply(accessKeyId);
            if (pending != null) {
                unwritten.put(accessKeyId, pending);
            }
        }
        em().createQuery("select u from AccessKeyUsageEntity u where u.accessKeyId in :aks", AccessKeyUsageEntity.class)
                .setParameter("aks", accessKeyIds)
                .getResultStream()
                .forEach(entity -> uses.put(entity.getAccessKeyId(), LastUse.of(entity)));
        unwritten.forEach((accessKeyId, pending) -> uses.merge(accessKeyId, pending,
                (stored, noted) -> noted.at().isAfter(stored.at()) ? noted : stored));
        return uses;
    }


    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
