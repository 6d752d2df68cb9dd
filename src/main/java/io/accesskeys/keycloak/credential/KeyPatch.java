package io.accesskeys.keycloak.credential;

/**
 * A change to a key: a new status and/or a new description.
 *
 * @param status             the new status, or null to keep it
 * @param changesDescription whether the description changes (to {@code description}, which may be null to clear it)
 */
public record KeyPatch(AccessKeyStatus status, boolean changesDescription, String description) {

    public boolean changesStatus() {
        return status != null;
    }

    /** What the patch does, as events name it: {@code enable}, {@code disable} or {@code describe}. */
    public String operation() {
        if (status == null) {
            return "describe";
        }
        return status == AccessKeyStatus.ACTIVE ? "enable" : "disable";
    }

    StoredKeyData.Public applyTo(StoredKeyData.Public data) {
        return new StoredKeyData.Public(data.accessKeyId(),
                status == null ? data.status() : status,
                changesDescription ? description : data.description(), data.roles(), data.rotationNotified());
    }
}
