package io.accesskeys.keycloak.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import io.accesskeys.keycloak.credential.AccessKey;

import io.accesskeys.keycloak.credential.AccessKeyStatus;
import io.accesskeys.keycloak.credential.AccessKeyStore;
import io.accesskeys.keycloak.usage.AccessKeyUsageEntity;
import io.accesskeys.keycloak.usage.LastUse;
import io.accesskeys.keycloak.verification.SignedRequestVerifier;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The realm-wide list of permanent keys for admins: one query, filtered and paged in the database. */
public final class AccessKeyInventory {

    /** A key with its owner's username and its last use (null if never used). */
    public record Entry(AccessKey key, String username, LastUse lastUse) {
    }

    /**
     * What to list.
     *
     * @param search      part of a username (case-insensitive) or the start of an AK; null for all
     * @param status      only keys with this status; null for both
     * @param unusedSince   only keys neither created nor used since this instant; null for all
     * @param createdBefore only keys created at or before this instant; null for all
     */
    public record Filter(String search, AccessKeyStatus status, Instant unusedSince, Instant createdBefore, int first,
                         int max) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public AccessKeyInventory(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public List<Entry> list(Filter filter) {
        StringBuilder jpql = new StringBuilder("select c.id, u.id, u.username, c.createdDate, c.credentialData, k "
                + "from CredentialEntity c join c.user u left join AccessKeyUsageEntity k on k.accessKeyId = c.id "
                + "where u.realmId = :realm and c.type = :type");
        if (filter.search() != null) {
            // '!' escapes LIKE wildcards: a backslash would need different quoting on MariaDB.
            jpql.append(" and (c.id like :akPrefix escape '!' or lower(u.username) like :username escape '!')");
        }
        if (filter.status() != null) {
            jpql.append(" and c.credentialData like :status");
        }
        if (filter.unusedSince() != null) {
            jpql.append(" and coalesce(k.lastUsedAt, c.createdDate) < :since");
        }
        if (filter.createdBefore() != null) {
            jpql.append(" and c.createdDate <= :createdBefore");
        }
        jpql.append(" order by u.username, c.createdDate, c.id");

        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        TypedQuery<Object[]> query = em.createQuery(jpql.toString(), Object[].class)
                .setParameter("realm", realm.getId())
                .setParameter("type", AccessKeyStore.TYPE)
                .setFirstResult(filter.first())
                .setMaxResults(filter.max());
        if (filter.search() != null) {
            String search = filter.search().strip();
            query.setParameter("akPrefix", likeEscape(search.toUpperCase(Locale.ROOT)) + "%");
            query.setParameter("username", "%" + likeEscape(search.toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.status() != null) {
            query.setParameter("status", "%" + AccessKeyStore.statusFragment(filter.status()) + "%");
        }
        if (filter.unusedSince() != null) {
            query.setParameter("since", filter.unusedSince().toEpochMilli());
        }

        if (filter.createdBefore() != null) {
            query.setParameter("createdBefore", filter.createdBefore().toEpochMilli());
        }

        SignedRequestVerifier verifier = session.getProvider(SignedRequestVerifier.class);
        List<Entry> entries = new ArrayList<>();
        for (Object[] row : query.getResultList()) {
            AccessKey key = AccessKeyStore.toKey((String) row[1], (String) row[0], (Long) row[3], (String) row[4]);
            AccessKeyUsageEntity use = (AccessKeyUsageEntity) row[5];
            // A first use this node has not written yet is shown all the same.
            LastUse lastUse = use != null ? LastUse.of(use) : verifier.unwrittenUse(key.accessKeyId());
            entries.add(new Entry(key, (String) row[2], lastUse));
        }
        return entries;
    }

    private static String likeEscape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
