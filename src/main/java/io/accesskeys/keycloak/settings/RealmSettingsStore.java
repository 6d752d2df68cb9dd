package io.accesskeys.keycloak.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /** The settings last parsed per realm: every signed request reads them, and the attribute rarely changes. */
    private record Parsed(String json, AccessKeySettings settings) {
    }

    private static final int MAX_MEMO = 10_000;
    private static final Map<String, Parsed> MEMO = new ConcurrentHashMap<>();

    public static AccessKeySettings read(RealmModel realm) {
        String json = realm.getAttribute(ATTRIBUTE);
        if (json == null || json.isBlank()) {
            return AccessKeySettings.defaults();
        }
        Parsed parsed = MEMO.get(realm.getId());
        if (parsed != null && parsed.json().equals(json)) {
            return parsed.settings();
        }
        AccessKeySettings settings;
        try {
            settings = JsonSerialization.readValue(json, AccessKeySettings.class);
        } catch (IOException e) {
            // An attribute edited by hand into something unreadable must not lock users out: fall back to defaults.
            return AccessKeySettings.defaults();
        }
        if (MEMO.size() >= MAX_MEMO) {
            MEMO.clear();
        }
        MEMO.put(realm.getId(), new Parsed(json, settings));
        return settings;
    }

    public static void write(RealmModel realm, AccessKeySettings settings) {
        try {
            realm.setAttribute(ATTRIBUTE, JsonSerialization.writeValueAsString(settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
