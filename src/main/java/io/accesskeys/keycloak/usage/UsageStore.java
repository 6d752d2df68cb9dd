package io.accesskeys.keycloak.usage;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

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


    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
