// Stock copy: adapted from @keycloak/keycloak-admin-ui 26.7.3, src/environment.ts (the stock console reads the
// injected environment with `getInjectedEnvironment()` of @keycloak/keycloak-ui-shared), typed with the package's
// AdminEnvironment.
// Changed: parses the #environment script itself (missing: an empty object, not an exception); adds an optional
// authServerUrl, which ./i18n.ts prefers when the page sends it. getInjectedEnvironment is not re-exported by the
// admin package.
import type { AdminEnvironment } from "@keycloak/keycloak-admin-ui";

type InjectedEnvironment = AdminEnvironment & { authServerUrl?: string };

/** What Keycloak's index.ftl (inherited from keycloak.v2) injects into the page; `realm` is the login realm. */
export const environment: InjectedEnvironment = JSON.parse(document.getElementById("environment")?.textContent ?? "{}");
