import { Alert, AlertActionCloseButton, AlertGroup, AlertVariant } from "@patternfly/react-core";
import { createContext, PropsWithChildren, useCallback, useContext, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "./errors";

type AlertEntry = { id: number; title: string; variant: AlertVariant };

type Alerts = {
  addAlert: (title: string, variant?: AlertVariant) => void;
  addError: (error: unknown) => void;
};

const AlertsContext = createContext<Alerts | undefined>(undefined);

let nextId = 0;

/**
 * Toast alerts as Keycloak's consoles show them (top right, dismissible, gone after 8 s).
 *
 * Ours rather than Keycloak's AlertProvider/useAlerts (@keycloak/keycloak-ui-shared, src/alerts/Alerts.tsx):
 * - both console packages bundle their own copy of ui-shared; the admin package re-exports neither useAlerts nor
 *   AlertProvider, so the provider its KeycloakProvider mounts cannot be reached from our admin pages. The account
 *   package re-exports only useAccountAlerts, bound to its bundled provider.
 * - the standalone ui-shared package's AlertProvider would bundle, but its panel marks alerts "last-alert" (the
 *   newest only) in a "global-alerts" group, while our pages mark them alert-<variant> in access-keys-alerts and the
 *   browser tests wait for alert-success; its addError(messageKey, error) also formats errors its own way, where
 *   ours goes through describeError (errors.ts, by the server's codes).
 */
export function AlertsProvider({ children }: PropsWithChildren) {
  const { t } = useTranslation();
  const [alerts, setAlerts] = useState<AlertEntry[]>([]);

  const remove = useCallback((id: number) => setAlerts((current) => current.filter((alert) => alert.id !== id)), []);
  const addAlert = useCallback(
    (title: string, variant: AlertVariant = AlertVariant.success) =>
      setAlerts((current) => [{ id: nextId++, title, variant }, ...current]),
    [],
  );
  const addError = useCallback((error: unknown) => addAlert(describeError(t, error), AlertVariant.danger), [addAlert, t]);
  const value = useMemo(() => ({ addAlert, addError }), [addAlert, addError]);

  return (
    <AlertsContext.Provider value={value}>
      <AlertGroup isToast isLiveRegion data-testid="access-keys-alerts">
        {alerts.map(({ id, title, variant }) => (
          <Alert
            key={id}
            data-testid={`alert-${variant}`}
            variant={variant}
            title={title}
            timeout={8000}
            onTimeout={() => remove(id)}
            actionClose={<AlertActionCloseButton title={title} onClose={() => remove(id)} />}
          />
        ))}
      </AlertGroup>
      {children}
    </AlertsContext.Provider>
  );
}

export function useAlerts(): Alerts {
  const alerts = useContext(AlertsContext);
  if (!alerts) throw new Error("useAlerts needs an AlertsProvider");
  return alerts;
}
