import type { AdminEnvironment } from "@keycloak/keycloak-admin-ui";

type InjectedEnvironment = AdminEnvironment & { authServerUrl?: string };

/** What Keycloak's index.ftl (inherited from keycloak.v2) injects into the page; `realm` is the login realm. */
export const environment: InjectedEnvironment = JSON.parse(document.getElementById("environment")?.textContent ?? "{}");
