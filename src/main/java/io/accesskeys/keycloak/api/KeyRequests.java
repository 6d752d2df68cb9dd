package io.accesskeys.keycloak.api;

import java.util.Locale;
import java.util.Set;

import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.credential.AccessKeyFormat;
import io.accesskeys.keycloak.credential.AccessKeyStatus;
import io.accesskeys.keycloak.credential.KeyDescription;
import io.accesskeys.keycloak.credential.KeyPatch;

/** Reads the bodies of key requests (create, patch), shared by the self-service and admin APIs. */
public final class KeyRequests {

    private KeyRequests() {
    }

    /** {@code {"description"?}}: the description to create a key with (normalised; may be null). */
    public static String createDescription(String body) {
        return description(JsonBody.parse(body, Set.of("description")));
    }

    /** {@code {"status"?, "description"?}}: what a PATCH changes. */
    public static KeyPatch patch(String body) {
        JsonBody json = JsonBody.parse(body, Set.of("status", "description"));
        AccessKeyStatus status = null;
        String statusText = json.text("status");
        if (statusText != null) {
            try {
                status = AccessKeyStatus.valueOf(statusText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("Field 'status' must be ACTIVE or INACTIVE.");
            }
        } else if (json.has("status")) {
            throw ApiError.invalid("Field 'status' must be ACTIVE or INACTIVE.");
        }
        boolean changesDescription = json.has("description");
        String description = changesDescription ? description(json) : null;
        if (status == null && !changesDescription) {
            throw ApiError.invalid("Give 'status' and/or 'description' to change.");
        }
        return new KeyPatch(status, changesDescription, description);
    }

    /** 404 for anything that cannot be a permanent AK, before any lookup. */
    public static void requireWellFormed(String accessKeyId) {
        if (!AccessKeyFormat.isPermanent(accessKeyId)) {
            throw noSuchKey(accessKeyId);
        }
    }

    public static RuntimeException noSuchKey(String accessKeyId) {
        String shown = accessKeyId != null && accessKeyId.length() <= 64 && accessKeyId.chars().allMatch(c -> c > 32 && c < 127)
                ? accessKeyId : "(malformed)";
        return ApiError.of(ErrorCode.NO_SUCH_ACCESS_KEY, "No access key " + shown + " here.");
    }

    private static String description(JsonBody json) {
        String description = json.text("description");
        String problem = KeyDescription.problem(description);
        if (problem != null) {
            throw ApiError.invalid(problem + ".");
        }
        return KeyDescription.normalize(description);
    }
}
