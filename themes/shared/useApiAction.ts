// The one way both consoles run a change against the API: busy while it runs, the success toast, the error toast
// (describeError), the page's reload, and, in the account console, operation protection's step-up.
//
// Loads (GET on mount) stay in the pages. Keycloak's useFetch (@keycloak/keycloak-ui-shared) is not used for them:
// neither console package re-exports it, and the standalone package's useFetch sends failures to its own
// ErrorBoundary (it needs that package's ErrorBoundaryProvider and replaces the page by an error screen), where
// our pages toast the error and show an empty list. The account package's usePromise likewise rethrows into the
// router's error element.
import { AlertVariant } from "@patternfly/react-core";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAlerts } from "./alerts";
import { StepUpRequired } from "./api";
import { LoginCapable, PendingAction, reauthenticate } from "./stepUp";

export type ApiActionOptions = {
  /** Refreshes what the page shows, while still busy: after a success, and after a failure unless reloadAfterError says no. */
  reload?: () => unknown;
  /** Which failures reload the page (default: every failure). */
  reloadAfterError?: (error: unknown) => boolean;
  /** Operation protection (account console): where a step-up challenge sends the user to sign in again. */
  keycloak?: LoginCapable;
};

export type ApiActionRun = {
  /** The toast once the work succeeded. */
  success?: string;
  /** Operation protection: the action (no secrets) to repeat when the user is back from signing in again. */
  resume?: PendingAction;
  /** This run is that repetition: a second challenge is shown as an error instead of another sign-in. */
  afterStepUp?: boolean;
};

export function useApiAction({ reload, reloadAfterError, keycloak }: ApiActionOptions = {}) {
  const { t } = useTranslation();
  const { addAlert, addError } = useAlerts();
  const [busy, setBusy] = useState(false);

  const run = useCallback(
    async (work: () => Promise<unknown>, { success, resume, afterStepUp = false }: ApiActionRun = {}) => {
      setBusy(true);
      try {
        try {
          await work();
        } catch (error) {
          if (error instanceof StepUpRequired && keycloak && resume && !afterStepUp) {
            addAlert(t("akReauthenticating"), AlertVariant.info);
            await reauthenticate(keycloak, error.maxAge, resume);
            return;
          }
          addError(error);
          if (!reloadAfterError || reloadAfterError(error)) await reload?.();
          return;
        }
        if (success) addAlert(success);
        await reload?.();
      } finally {
        setBusy(false);
      }
    },
    [addAlert, addError, keycloak, reload, reloadAfterError, t],
  );

  return { busy, run };
}
