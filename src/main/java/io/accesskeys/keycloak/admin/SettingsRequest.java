package io.accesskeys.keycloak.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.api.ApiError;
import io.accesskeys.keycloak.api.JsonBody;
import io.accesskeys.keycloak.settings.AccessKeySettings;
import org.keycloak.models.KeycloakSession;

/** Reads a settings update strictly and checks it against the rules and the realm's identity providers. */
final class SettingsRequest {

    private static final Set<String> FIELDS = Set.of("operationProtection", "operationProtectionMaxAgeSeconds",
            "temporaryMinDurationSeconds", "temporaryMaxDurationSeconds", "temporaryDefaultDurationSeconds",
            "temporaryIdentityProviders", "allowTemporaryForLocalUsers", "allowPermanentForFederatedUsers",
            "maxKeyAgeDays", "retireUnusedKeysAfterDays");

    private SettingsRequest() {
    }

    static AccessKeySettings apply(AccessKeySettings current, String body, KeycloakSession session) {
        JsonBody json = JsonBody.parse(body, FIELDS);
        AccessKeySettings updated = new AccessKeySettings(
                or(json.bool("operationProtection"), current.operationProtection()),
                or(json.integer("operationProtectionMaxAgeSeconds"), current.operationProtectionMaxAgeSeconds()),
                or(json.integer("temporaryMinDurationSeconds"), current.temporaryMinDurationSeconds()),
                or(json.integer("temporaryMaxDurationSeconds"), current.temporaryMaxDurationSeconds()),
                or(json.integer("temporaryDefaultDurationSeconds"), current.temporaryDefaultDurationSeconds()),
                providers(json.node("temporaryIdentityProviders"), current.temporaryIdentityProviders(), session),
                or(json.bool("allowTemporaryForLocalUsers"), current.allowTemporaryForLocalUsers()),
                or(json.bool("allowPermanentForFederatedUsers"), current.allowPermanentForFederatedUsers()),
                // null turns these off: only a field left out keeps its value.
                json.has("maxKeyAgeDays") ? json.integer("maxKeyAgeDays") : current.maxKeyAgeDays(),
                json.has("retireUnusedKeysAfterDays") ? json.integer("retireUnusedKeysAfterDays")
                        : current.retireUnusedKeysAfterDays());
        List<String> problems = updated.problems();
        if (!problems.isEmpty()) {
            throw ApiError.invalid(String.join("; ", problems) + ".");
        }
        return updated;
    }

    private static List<String> providers(JsonNode node, List<String> current, KeycloakSession session) {
        if (node == null || node.isNull()) {
            return current;
        }
        if (!node.isArray()) {
            throw ApiError.invalid("temporaryIdentityProviders must be a list of identity provider aliases.");
        }
        List<String> aliases = new ArrayList<>();
        for (JsonNode alias : node) {
            if (!alias.isTextual()) {
                throw ApiError.invalid("temporaryIdentityProviders must be a list of identity provider aliases.");
            }
            String text = alias.textValue();
            if (session.identityProviders().getByAlias(text) == null) {
                throw ApiError.invalid("No identity provider '" + (text.length() > 64 ? text.substring(0, 64) : text)
                        + "' in this realm.");
            }
            if (!aliases.contains(text)) {
                aliases.add(text);
            }
        }
        return aliases;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
