package io.accesskeys.keycloak.credential;

import java.time.Instant;

/** A permanent access key as its owner and admins see it: never with its secret. */
public record AccessKey(String accessKeyId, String userId, AccessKeyStatus status, String description, Instant createdAt) {

    public boolean active() {
        return status == AccessKeyStatus.ACTIVE;
    }
}
