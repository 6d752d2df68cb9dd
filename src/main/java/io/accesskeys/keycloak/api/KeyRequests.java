package io.accesskeys.keycloak.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.credential.AccessKeyFormat;
import io.accesskeys.keycloak.credential.AccessKeyStatus;
import io.accesskeys.keycloak.credential.KeyDescription;
import io.accesskeys.keycloak.credential.KeyPatch;
import io.accesskeys.keycloak.credential.RoleSet;

/** Reads the bodies of key requests (create, patch), shared by the self-service and admin APIs. */
public final class KeyRequests {

    private KeyRequests() {
    }

    /**
     * What a create asks for.
     *
     * @param description normalised; may be null
     * @param roles       the roles to scope the key to; null for an unscoped key
     */
    public record Create(String description, RoleSet roles) {
    }

    /** {@code {"description"?, "roles"?}}: the key to create. */
    public static Create create(String body) {
        JsonBody json = JsonBody.parse(body, Set.of("description", "roles"));
        return new Create(description(json), roleSet(json.node("roles")));
    }

    /** A role set ({@code {"realm"?: [name...], "clients"?: {clientId: [name...]}}}); null for JSON null or absent. */
    static RoleSet roleSet(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String shape = "Field 'roles' must be {\"realm\": [role...], \"clients\": {clientId: [role...]}}.";
        if (!node.isObject()) {
            throw ApiError.invalid(shape);
        }
        RoleSet.Builder roles = new RoleSet.Builder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            switch (field.getKey()) {
                case "realm" -> names(value, shape).forEach(roles::realmRole);
                case "clients" -> {
                    if (!value.isObject()) {
                        throw ApiError.invalid(shape);
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> clients = value.fields(); clients.hasNext(); ) {
                        Map.Entry<String, JsonNode> client = clients.next();
                        if (client.getKey().isEmpty()) {
                            throw ApiError.invalid(shape);
                        }
                        names(client.getValue(), shape).forEach(role -> roles.clientRole(client.getKey(), role));
                    }
                }
                default -> throw ApiError.invalid(shape);
            }
        }
        return roles.build();
    }

    private static List<String> names(JsonNode list, String shape) {
        if (!list.isArray()) {
            throw ApiError.invalid(shape);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : list) {
            if (!name.isTextual() || name.textValue().isEmpty()) {
                throw ApiError.invalid(shape);
            }
            names.add(name.textValue());
        }
        return names;
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
