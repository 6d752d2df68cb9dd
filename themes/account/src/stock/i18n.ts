// Stock copy: adapted from @keycloak/keycloak-account-ui 26.7.3, src/i18n.ts (not exported by the package).
// Changed: i18next-fetch-backend loads resources/<realm>/account/<lng>, as the stock one does, without its
// joinPath helper; the language detector is inline. Same instance for the stock pages and ours.
import i18next from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";
import { environment } from "./environment";

// The stock pages and ours translate with the same instance: the account theme's message bundles as Keycloak
// serves them (keycloak.v3's merged with ours), in the language of the console.
export const i18n = i18next.createInstance({
  fallbackLng: "en",
  nsSeparator: false,
  interpolation: { escapeValue: false },
  backend: {
    loadPath: `${environment.serverBaseUrl}/resources/${encodeURIComponent(environment.realm)}/account/{{lng}}`,
    parse: (data: string) =>
      Object.fromEntries((JSON.parse(data) as { key: string; value: string }[]).map(({ key, value }) => [key, value])),
  },
});

i18n.use(FetchBackend);
i18n.use({ type: "languageDetector", detect: () => environment.locale, init: () => {}, cacheUserLanguage: () => {} });
i18n.use(initReactI18next);
