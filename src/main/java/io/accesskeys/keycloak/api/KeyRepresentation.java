package io.accesskeys.keycloak.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.accesskeys.keycloak.credential.AccessKey;

/**
 * A key as the API shows it. {@code userId}/{@code username} appear only in admin answers and
 * {@code secretAccessKey} only in the answer to a create; the other fields are always present, null or not.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record KeyRepresentation(
        String accessKeyId,
        String status,
        String description,
        String createdAt,
        LastUsedRepresentation lastUsed,
        @JsonInclude(JsonInclude.Include.NON_NULL) String userId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String username,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secretAccessKey) {

    /** When, from where and how a key last verified a signature. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LastUsedRepresentation(String at, String ip, String scheme, String region, String service) {
    }

    public static KeyRepresentation of(AccessKey key, LastUsedRepresentation lastUsed) {
        return new KeyRepresentation(key.accessKeyId(), key.status().name(), key.description(),
                IsoTime.format(key.createdAt()), lastUsed, null, null, null);
    }

    public KeyRepresentation withOwner(String ownerId, String ownerName) {
        return new KeyRepresentation(accessKeyId, status, description, createdAt, lastUsed, ownerId, ownerName, null);
    }

    public KeyRepresentation withSecret(String secret) {
        return new KeyRepresentation(accessKeyId, status, description, createdAt, lastUsed, userId, username, secret);
    }

    @Override
    public String toString() {
        return "KeyRepresentation[" + accessKeyId + ", " + status + "]";
    }
}
