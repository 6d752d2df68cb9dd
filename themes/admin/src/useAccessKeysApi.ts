import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import { useMemo } from "react";
import { AccessKeysApi } from "@shared/api";
import { environment } from "./stock/environment";

/** The extension's admin API of the realm being administered, with the console's own token. */
export function useAccessKeysApi(): AccessKeysApi {
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  return useMemo(() => {
    const base = (environment.adminBaseUrl || environment.serverBaseUrl).replace(/\/+$/, "");
    return new AccessKeysApi(`${base}/admin/realms/${encodeURIComponent(realm)}/access-keys`, () => adminClient.getAccessToken());
  }, [adminClient, realm]);
}
