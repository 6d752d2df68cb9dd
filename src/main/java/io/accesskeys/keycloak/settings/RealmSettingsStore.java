package io.accesskeys.keycloak.settings;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * Keeps a realm's {@link AccessKeySettings} as one JSON realm attribute, so that the settings travel with realm
 * exports and change atomically.
 */
public final class RealmSettingsStore {

    static final String ATTRIBUTE = "accessKeys.settings";

    private RealmSettingsStore() {
    }

    public static AccessKeySettings read(RealmModel realm) {
        String json = realm.getAttribute(ATTRIBUTE);
        if (json == null || json.isBlank()) {
            return AccessKeySettings.defaults();
        }
        try {
            return JsonSerialization.readValue(json, AccessKeySettings.class);
        } catch (IOException e) {
            // An attribute edited by hand into something unreadable must not lock users out: fall back to defaults.
            return AccessKeySettings.defaults();
        }
    }

    public static void write(RealmModel realm, AccessKeySettings settings) {
        try {
            realm.setAttribute(ATTRIBUTE, JsonSerialization.writeValueAsString(settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
