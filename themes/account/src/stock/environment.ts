// Stock copy: adapted from @keycloak/keycloak-account-ui 26.7.3, src/environment.ts (`getInjectedEnvironment()` of
// @keycloak/keycloak-ui-shared) and the root route's path in src/routes.tsx (`basePath`).
// Changed: parses the #environment script itself (missing: an empty object, not an exception), typed with the
// package's AccountEnvironment. getInjectedEnvironment is not re-exported by the account package; the standalone
// ui-shared package is not otherwise part of this bundle, so one JSON.parse stays ours.
import type { AccountEnvironment } from "@keycloak/keycloak-account-ui";

/** What Keycloak's index.ftl (inherited from keycloak.v3) injects into the page. */
export const environment: AccountEnvironment = JSON.parse(
  document.getElementById("environment")?.textContent ?? "{}",
);

/** The router's base: the path of the account console, e.g. /realms/demo/account/ */
export const basePath = decodeURIComponent(new URL(environment.baseUrl).pathname);
