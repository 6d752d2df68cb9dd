package io.accesskeys.keycloak.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.accesskeys.keycloak.credential.AccessKey;
import io.accesskeys.keycloak.credential.RoleSet;
import io.accesskeys.keycloak.settings.AccessKeySettings;
import org.keycloak.common.util.Time;

/**
 * A key as the API shows it. {@code userId}/{@code username} appear only in admin answers and
 * {@code secretAccessKey} only in the answer to a create; the other fields are always present, null or not.
 * {@code roles} is what the key was scoped to (null: unscoped); {@code expiresAt} and {@code rotationDue} follow the
 * realm's maximum key age (null and false without one).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record KeyRepresentation(
        String accessKeyId,
        String status,
        String description,
        String createdAt,
        LastUsedRepresentation lastUsed,
        RoleSet roles,
        String expiresAt,
        boolean rotationDue,
        @JsonInclude(JsonInclude.Include.NON_NULL) String userId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String username,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secretAccessKey) {

    /** When, from where and how a key last verified a signature. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LastUsedRepresentation(String at, String ip, String scheme, String region, String service) {
    }

    /** The key under the realm's {@code settings} (for its expiry), now. */
    public static KeyRepresentation of(AccessKey key, LastUsedRepresentation lastUsed, AccessKeySettings settings) {
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        return new KeyRepresentation(key.accessKeyId(), key.status().name(), key.description(),
                IsoTime.format(key.createdAt()), lastUsed, key.roles(), IsoTime.format(settings.keyExpiresAt(key.createdAt())),
                settings.rotationDue(key.createdAt(), now), null, null, null);
    }

    public KeyRepresentation withOwner(String ownerId, String ownerName) {
        return new KeyRepresentation(accessKeyId, status, description, createdAt, lastUsed, roles, expiresAt, rotationDue,
                ownerId, ownerName, null);
    }

    public KeyRepresentation withSecret(String secret) {
        return new KeyRepresentation(accessKeyId, status, description, createdAt, lastUsed, roles, expiresAt, rotationDue,
                userId, username, secret);
    }

    @Override
    public String toString() {
        return "KeyRepresentation[" + accessKeyId + ", " + status + "]";
    }
}
