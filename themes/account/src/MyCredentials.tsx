import { Page, useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import {
  Alert,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  EmptyStateIcon,
  Spinner,
  Stack,
  StackItem,
} from "@patternfly/react-core";
import { KeyIcon } from "@patternfly/react-icons";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { AccessKeysApi } from "@shared/api";
import { describeError } from "@shared/errors";
import type { Me } from "@shared/types";
import { AccessKeysSection } from "./AccessKeysSection";
import { TemporaryKeysSection } from "./TemporaryKeysSection";

/** The "My Credentials" page: the user's access keys, or temporary keys for a brokered session. */
export default function MyCredentials() {
  const { t } = useTranslation();
  const { environment, keycloak } = useEnvironment<AccountEnvironment>();
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<unknown>();

  const api = useMemo(
    () =>
      new AccessKeysApi(`${environment.serverBaseUrl}/realms/${encodeURIComponent(environment.realm)}/access-keys`, async () => {
        try {
          await keycloak.updateToken(5);
        } catch {
          await keycloak.login();
        }
        return keycloak.token;
      }),
    [environment, keycloak],
  );

  useEffect(() => {
    const controller = new AbortController();
    api
      .json<Me>("GET", "/me", { signal: controller.signal })
      .then(setMe)
      .catch((e) => {
        if (!controller.signal.aborted) setError(e);
      });
    return () => controller.abort();
  }, [api]);

  // Local sessions manage permanent keys; brokered sessions get temporary ones (realm settings may allow both).
  const showPermanent = !!me && (!me.federated || me.canCreatePermanent);
  const showTemporary = !!me && me.canCreateTemporary;

  return (
    <Page title={t("myCredentials")} description={t("akMyCredentialsDescription")}>
      {error ? (
        <Alert variant="danger" isInline title={describeError(t, error)} data-testid="me-error" />
      ) : !me ? (
        <Spinner aria-label={t("akLoading")} />
      ) : (
        <Stack hasGutter data-testid="my-credentials-page">
          {me.federated && me.identityProvider && (
            <StackItem>
              <Alert variant="info" isInline isPlain title={t("akSignedInThrough", { provider: me.identityProvider })} />
            </StackItem>
          )}
          {me.operationProtection && (showPermanent || showTemporary) && (
            <StackItem>
              <Alert variant="info" isInline isPlain title={t("akOperationProtectionHint")} data-testid="operation-protection-hint" />
            </StackItem>
          )}
          {showPermanent && (
            <StackItem>
              <AccessKeysSection api={api} me={me} keycloak={keycloak} />
            </StackItem>
          )}
          {showTemporary && (
            <StackItem>
              <TemporaryKeysSection api={api} me={me} keycloak={keycloak} />
            </StackItem>
          )}
          {!showPermanent && !showTemporary && (
            <StackItem>
              <EmptyState variant="sm" data-testid="no-credentials-available">
                <EmptyStateHeader titleText={t("akNothingAvailableTitle")} headingLevel="h2" icon={<EmptyStateIcon icon={KeyIcon} />} />
                <EmptyStateBody>{t("akNothingAvailableBody")}</EmptyStateBody>
              </EmptyState>
            </StackItem>
          )}
        </Stack>
      )}
    </Page>
  );
}
