package io.accesskeys.keycloak.credential;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.accesskeys.keycloak.sealing.OpenedSecretCache;
import io.accesskeys.keycloak.sealing.RealmSecretKeys;
import io.accesskeys.keycloak.sealing.SecretCipher;
import io.accesskeys.keycloak.sealing.SecretUnavailableException;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.jpa.entities.CredentialEntity;
import org.keycloak.models.jpa.entities.UserEntity;

/**
 * Permanent keys as Keycloak credentials of type {@code access-key}, whose credential ID is the AK. Reads go
 * through Keycloak's user cache; the quota check takes database row locks so that concurrent creates cannot
 * exceed it on any node.
 */
public final class AccessKeyStore {

    /** Keycloak's credential type of permanent access keys. */
    public static final String TYPE = "access-key";

    private final KeycloakSession session;
    private final RealmModel realm;

    public AccessKeyStore(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * A new active key as stored and exported: credentialData and secretData (the secret sealed, see
     * {@link #associatedData}). An import of this form is what {@link #restore} accepts.
     */
    public record StoredForm(String credentialData, String secretData) {

        public static StoredForm of(String accessKeyId, String description, RoleSet roles, SecretCipher.Sealed sealed) {
            return new StoredForm(StoredKeyData.write(new StoredKeyData.Public(accessKeyId, AccessKeyStatus.ACTIVE,
                    description, roles, null)), StoredKeyData.write(StoredKeyData.Secret.of(sealed)));
        }

        @Override
        public String toString() {
            return "StoredForm[redacted]";
        }
    }

    /** A key just created, with its secret: the only moment the secret leaves the store. */
    public record Created(AccessKey key, char[] secret) {

        @Override
        public String toString() {
            return "Created[" + key + "]";
        }
    }

    /**
     * A new key for {@code user}, who may hold at most {@code quota} keys (checked under database row locks), scoped
     * to {@code roles} (null for unscoped; the caller checked that the user holds them).
     */
    public Created create(UserModel user, String description, RoleSet roles, int quota) {
        if (user.getServiceAccountClientLink() != null) {
            throw new KeyHolderNotSupportedException("Service accounts cannot hold access keys");
        }
        lockQuota(user, quota);

        String accessKeyId = AccessKeyFormat.newPermanentAccessKeyId();
        char[] secret = AccessKeyFormat.newSecret();
        SecretCipher.Sealed sealed = RealmSecretKeys.sealChars(session, realm,
                associatedData(realm.getId(), user.getId(), accessKeyId), secret);
        StoredForm stored = StoredForm.of(accessKeyId, description, roles, sealed);

        CredentialModel credential = new CredentialModel();
        credential.setId(accessKeyId);
        credential.setType(TYPE);
        // Labels must be unique per user and type: the AK is, and it is what admins look for in the Credentials tab.
        credential.setUserLabel(accessKeyId);
        credential.setCreatedDate(Time.currentTimeMillis());
        credential.setCredentialData(stored.credentialData());
        credential.setSecretData(stored.secretData());
        user.credentialManager().createStoredCredential(credential);
        return new Created(toKey(user.getId(), credential), secret);
    }

    /**
     * Stores a key that exists already in sealed form: a realm import or a user representation with its credentials.
     * Accepted only as an exported key is, with its AK as ID and a sealed secret (which still opens only for the realm
     * ID, user ID and AK it was sealed for, so the secret of another realm or user cannot be grafted on).
     */
    public CredentialModel restore(UserModel user, CredentialModel credential) {
        String accessKeyId = credential.getId();
        if (!AccessKeyFormat.isPermanent(accessKeyId) || credential.getCredentialData() == null
                || credential.getSecretData() == null) {
            throw new IllegalArgumentException(
                    "Access keys are created through the access-keys API; only exported keys (AK as ID, sealed secret) can be imported");
        }
        StoredKeyData.Public data;
        try {
            data = StoredKeyData.read(credential.getCredentialData(), StoredKeyData.Public.class);
            StoredKeyData.read(credential.getSecretData(), StoredKeyData.Secret.class).sealed();
        } catch (SecretUnavailableException e) {
            throw new IllegalArgumentException("Not an exported access key: " + accessKeyId);
        }
        if (!accessKeyId.equals(data.accessKeyId()) || data.status() == null) {
            throw new IllegalArgumentException("Not an exported access key: " + accessKeyId);
        }
        credential.setType(TYPE);
        return user.credentialManager().createStoredCredential(credential);
    }

    public List<AccessKey> list(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE)
                .map(credential -> toKey(user.getId(), credential))
                .sorted(Comparator.comparing(AccessKey::createdAt).thenComparing(AccessKey::accessKeyId))
                .toList();
    }

    public Optional<AccessKey> find(UserModel user, String accessKeyId) {
        return credential(user, accessKeyId).map(credential -> toKey(user.getId(), credential));
    }

    /** Applies {@code patch}; empty when the user has no such key. */
    public Optional<AccessKey> update(UserModel user, String accessKeyId, KeyPatch patch) {
        Optional<CredentialModel> found = credential(user, accessKeyId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CredentialModel credential = found.get();
        StoredKeyData.Public data = StoredKeyData.read(credential.getCredentialData(), StoredKeyData.Public.class);
        StoredKeyData.Public changed = patch.applyTo(data);
        if (!changed.equals(data)) {
            credential.setCredentialData(StoredKeyData.write(changed));
            user.credentialManager().updateStoredCredential(credential);
        }
        return Optional.of(toKey(user.getId(), credential));
    }

    /**
     * Marks, from the row as the database holds it (under its lock), that the key's rotation event was sent; false
     * when there is no such key or it was marked already. The write goes through the user's credential manager, so
     * that every node's user cache drops the old data.
     */
    public boolean markRotationNotified(UserModel user, String accessKeyId) {
        CredentialEntity entity = lockedEntity(accessKeyId).orElse(null);
        Optional<CredentialModel> found = credential(user, accessKeyId);
        if (entity == null || found.isEmpty()) {
            return false;
        }
        StoredKeyData.Public data = StoredKeyData.read(entity.getCredentialData(), StoredKeyData.Public.class);
        if (Boolean.TRUE.equals(data.rotationNotified())) {
            return false;
        }
        CredentialModel credential = found.get();
        credential.setCredentialData(StoredKeyData.write(data.withRotationNotified()));
        user.credentialManager().updateStoredCredential(credential);
        return true;
    }

    /**
     * The key's state as the database holds it now, read under a row lock held until the transaction ends: a task
     * that runs on several nodes in turn sees what the one before it committed (the user cache may still lag).
     * Empty for no such key of this realm.
     */
    public Optional<AccessKey> lockedData(String accessKeyId) {
        return lockedEntity(accessKeyId).map(entity ->
                toKey(entity.getUser().getId(), accessKeyId, entity.getCreatedDate(), entity.getCredentialData()));
    }

    private Optional<CredentialEntity> lockedEntity(String accessKeyId) {
        if (!AccessKeyFormat.isPermanent(accessKeyId)) {
            return Optional.empty();
        }
        CredentialEntity entity = entityManager().find(CredentialEntity.class, accessKeyId, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null || !TYPE.equals(entity.getType()) || entity.getUser() == null
                || !realm.getId().equals(entity.getUser().getRealmId())) {
            return Optional.empty();
        }
        // Already in this transaction's context, the entity may hold what was read before the lock: read it again.
        entityManager().refresh(entity, LockModeType.PESSIMISTIC_WRITE);
        return Optional.of(entity);
    }

    /** A key of this realm as a query row: its AK and its user's ID. */
    public record KeyRow(String accessKeyId, String userId) {
    }

    /**
     * Active keys of this realm neither used nor created since {@code since} (last use from the usage table; a key
     * never used counts from its creation): what retirement disables.
     */
    public List<KeyRow> activeKeysIdleSince(Instant since) {
        return entityManager().createQuery("select c.id, u.id from CredentialEntity c join c.user u "
                        + "left join AccessKeyUsageEntity k on k.accessKeyId = c.id "
                        + "where u.realmId = :realm and c.type = :type and c.credentialData like :active "
                        + "and coalesce(k.lastUsedAt, c.createdDate) < :since order by c.id", Object[].class)
                .setParameter("realm", realm.getId())
                .setParameter("type", TYPE)
                .setParameter("active", "%" + statusFragment(AccessKeyStatus.ACTIVE) + "%")
                .setParameter("since", since.toEpochMilli())
                .getResultStream().map(row -> new KeyRow((String) row[0], (String) row[1])).toList();
    }

    /** Active keys of this realm created at or before {@code createdBefore} whose rotation event was not sent. */
    public List<KeyRow> activeKeysToNotify(Instant createdBefore) {
        return entityManager().createQuery("select c.id, u.id, c.createdDate, c.credentialData from CredentialEntity c "
                        + "join c.user u where u.realmId = :realm and c.type = :type and c.credentialData like :active "
                        + "and c.createdDate <= :before order by c.id", Object[].class)
                .setParameter("realm", realm.getId())
                .setParameter("type", TYPE)
                .setParameter("active", "%" + statusFragment(AccessKeyStatus.ACTIVE) + "%")
                .setParameter("before", createdBefore.toEpochMilli())
                .getResultStream()
                .filter(row -> !toKey((String) row[1], (String) row[0], (Long) row[2], (String) row[3]).rotationNotified())
                .map(row -> new KeyRow((String) row[0], (String) row[1])).toList();
    }

    public boolean delete(UserModel user, String accessKeyId) {
        return credential(user, accessKeyId).isPresent()
                && user.credentialManager().removeStoredCredentialById(accessKeyId);
    }

    /**
     * The ID of the user of this realm who owns {@code accessKeyId}: a primary-key lookup. Empty for an unknown AK
     * and for an AK of another realm.
     */
    public Optional<String> ownerId(String accessKeyId) {
        if (!AccessKeyFormat.isPermanent(accessKeyId)) {
            return Optional.empty();
        }
        return entityManager().createQuery(
                        "select c.user.id from CredentialEntity c where c.id = :id and c.type = :type and c.user.realmId = :realm",
                        String.class)
                .setParameter("id", accessKeyId)
                .setParameter("type", TYPE)
                .setParameter("realm", realm.getId())
                .getResultStream().findFirst();
    }

    /**
     * The key's secret, for verifying a signature, opened through {@code opened} (once per key and node). Throws
     * {@link SecretUnavailableException} if it cannot open (the realm key is disabled, the stored data unreadable).
     */
    public char[] secret(UserModel user, String accessKeyId, OpenedSecretCache opened) {
        CredentialModel credential = credential(user, accessKeyId)
                .orElseThrow(() -> new SecretUnavailableException("No access key " + accessKeyId));
        StoredKeyData.Secret stored = StoredKeyData.read(credential.getSecretData(), StoredKeyData.Secret.class);
        return RealmSecretKeys.openChars(session, realm, accessKeyId, associatedData(user, accessKeyId), stored.sealed(),
                opened);
    }

    private Optional<CredentialModel> credential(UserModel user, String accessKeyId) {
        if (!AccessKeyFormat.isPermanent(accessKeyId)) {
            return Optional.empty();
        }
        CredentialModel credential = user.credentialManager().getStoredCredentialById(accessKeyId);
        return credential != null && TYPE.equals(credential.getType())
                ? Optional.of(credential) : Optional.empty();
    }

    /**
     * Serialises creates per user: the user's row is locked, then the user's keys are read with a locking read, which
     * sees every committed key whatever the database's isolation level (MariaDB's repeatable read included).
     */
    private void lockQuota(UserModel user, int quota) {
        EntityManager em = entityManager();
        UserEntity locked = em.find(UserEntity.class, user.getId(), LockModeType.PESSIMISTIC_WRITE);
        if (locked == null) {
            throw new KeyHolderNotSupportedException("Users of this user storage cannot hold access keys");
        }
        List<String> held = em.createQuery(
                        "select c.id from CredentialEntity c where c.user.id = :user and c.type = :type", String.class)
                .setParameter("user", user.getId())
                .setParameter("type", TYPE)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (held.size() >= quota) {
            throw new AccessKeyQuotaExceededException(quota);
        }
    }

    private EntityManager entityManager() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private String associatedData(UserModel user, String accessKeyId) {
        return associatedData(realm.getId(), user.getId(), accessKeyId);
    }

    /** What a sealed secret is bound to: it opens only for this realm, user and AK. */
    public static String associatedData(String realmId, String userId, String accessKeyId) {
        return realmId + "\n" + userId + "\n" + accessKeyId;
    }

    static AccessKey toKey(String userId, CredentialModel credential) {
        return toKey(userId, credential.getId(), credential.getCreatedDate(), credential.getCredentialData());
    }

    /** A key from the columns of its credential row (for queries that read rows directly). */
    public static AccessKey toKey(String userId, String accessKeyId, Long createdDate, String credentialData) {
        Instant created = Instant.ofEpochMilli(createdDate == null ? 0 : createdDate);
        StoredKeyData.Public data;
        try {
            data = StoredKeyData.read(credentialData, StoredKeyData.Public.class);
        } catch (SecretUnavailableException e) {
            // Stored data edited or imported into something unreadable: listed, but it cannot sign.
            return new AccessKey(accessKeyId, userId, AccessKeyStatus.INACTIVE, null, created);
        }
        return new AccessKey(accessKeyId, userId, data.status() == null ? AccessKeyStatus.INACTIVE : data.status(),
                data.description(), created, data.roles(), Boolean.TRUE.equals(data.rotationNotified()));
    }

    /** Text that the stored data of every key with this status contains (for SQL LIKE filters). */
    public static String statusFragment(AccessKeyStatus status) {
        return StoredKeyData.statusFragment(status);
    }
}
