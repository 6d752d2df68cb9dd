import type { AccountEnvironment } from "@keycloak/keycloak-account-ui";

/** What Keycloak's index.ftl (inherited from keycloak.v3) injects into the page. */
export const environment: AccountEnvironment = JSON.parse(
  document.getElementById("environment")?.textContent ?? "{}",
);

/** The router's base: the path of the account console, e.g. /realms/demo/account/ */
export const basePath = decodeURIComponent(new URL(environment.baseUrl).pathname);
