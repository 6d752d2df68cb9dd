// Stock copy: adapted from @keycloak/keycloak-admin-ui 26.7.3, src/i18n/i18n.ts (not exported by the package).
// Changed: i18next-fetch-backend instead of i18next-http-backend (one backend for both consoles); the server URL
// falls back to serverBaseUrl when authServerUrl is absent; no joinPath helper.
import i18next from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";
import { environment } from "./environment";

// The stock pages and ours translate with the same instance: the admin theme's message bundles as Keycloak serves
// them (keycloak.v2's merged with ours). The stock WhoAmI context switches the language to the admin's locale.
const server = (environment.authServerUrl || environment.serverBaseUrl).replace(/\/+$/, "");

export const i18n = i18next.createInstance({
  fallbackLng: "en",
  keySeparator: ".",
  interpolation: { escapeValue: false },
  backend: {
    loadPath: `${server}/resources/${encodeURIComponent(environment.realm)}/admin/{{lng}}`,
    parse: (data: string) =>
      Object.fromEntries((JSON.parse(data) as { key: string; value: string }[]).map(({ key, value }) => [key, value])),
  },
});

i18n.use(FetchBackend);
i18n.use(initReactI18next);
