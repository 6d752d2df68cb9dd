package io.accesskeys.keycloak.credential;

import java.time.Instant;

/**
 * A permanent access key as its owner and admins see it: never with its secret.
 *
 * @param roles            the roles the key was scoped to at creation; null for an unscoped key (all its user's roles)
 * @param rotationNotified whether the event that the key is due for rotation was sent
 */
public record AccessKey(String accessKeyId, String userId, AccessKeyStatus status, String description, Instant createdAt,
                        RoleSet roles, boolean rotationNotified) {

    public AccessKey(String accessKeyId, String userId, AccessKeyStatus status, String description, Instant createdAt) {
        this(accessKeyId, userId, status, description, createdAt, null, false);
    }

    public boolean scoped() {
        return roles != null;
    }

    public boolean active() {
        return status == AccessKeyStatus.ACTIVE;
    }
}
