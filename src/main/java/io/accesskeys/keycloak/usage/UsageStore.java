package io.accesskeys.keycloak.usage;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** Reads and removes last-use rows. */
public final class UsageStore {

    private final KeycloakSession session;

    public UsageStore(KeycloakSession session) {
        this.session = session;
    }

    /** The last uses of these keys; keys never used are absent. */
    public Map<String, LastUse> lastUses(Collection<String> accessKeyIds) {
        Map<String, LastUse> uses = new HashMap<>();
        if (accessKeyIds.isEmpty()) {
            return uses;
        }
        em().createQuery("select u from AccessKeyUsageEntity u where u.accessKeyId in :aks", AccessKeyUsageEntity.class)
                .setParameter("aks", accessKeyIds)
                .getResultStream()
                .forEach(entity -> uses.put(entity.getAccessKeyId(), LastUse.of(entity)));
        return uses;
    }

    /** Removes the row of a deleted key. */
    public void remove(String accessKeyId) {
        em().createQuery("delete from AccessKeyUsageEntity u where u.accessKeyId = :ak")
                .setParameter("ak", accessKeyId).executeUpdate();
        UsageRecorder.forget(accessKeyId);
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
