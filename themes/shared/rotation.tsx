// Rotation without downtime: with one key, Rotate creates the second (same description, same scope); the old key
// is then offered for disabling once its "Last used" is older than a time the user chooses. The server disables
// nothing by itself here: the offer is the page's, and it says so.
import { Alert, AlertActionCloseButton, Button, Flex, FlexItem, FormSelect, FormSelectOption, Label } from "@patternfly/react-core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccessKey, CreateKeyRequest } from "./types";

/** The create request of a rotation: the old key's description and scope. */
export function rotationRequest(old: AccessKey): CreateKeyRequest {
  return {
    ...(old.description ? { description: old.description } : {}),
    ...(old.roles ? { roles: old.roles } : {}),
  };
}

/** Rotate is offered with exactly one key, when a second one may be created. */
export const canRotate = (keys: AccessKey[] | undefined, mayCreateSecond: boolean) => mayCreateSecond && !!keys && keys.length === 1;

/** The rotation in progress (old and new AK), kept for the tab's session so that a reload still shows the offer. */
export type Rotation = { oldKeyId: string; newKeyId: string };

export function useRotation(scope: string): [Rotation | undefined, (rotation: Rotation | undefined) => void] {
  const storageKey = `access-keys.rotation.${scope}`;
  const [rotation, setState] = useState<Rotation | undefined>(() => {
    try {
      const raw = sessionStorage.getItem(storageKey);
      return raw ? (JSON.parse(raw) as Rotation) : undefined;
    } catch {
      return undefined;
    }
  });
  const set = useCallback(
    (next: Rotation | undefined) => {
      if (next) sessionStorage.setItem(storageKey, JSON.stringify(next));
      else sessionStorage.removeItem(storageKey);
      setState(next);
    },
    [storageKey],
  );
  return [rotation, set];
}

/** "Old key" and "New key" beside the two keys of a rotation in progress. */
export const RotationKeyLabel = ({ rotation, accessKey }: { rotation: Rotation | undefined; accessKey: AccessKey }) => {
  const { t } = useTranslation();
  if (!rotation) return null;
  if (accessKey.accessKeyId === rotation.oldKeyId) {
    return (
      <Label isCompact color="grey" className="pf-v5-u-ml-sm" data-testid="rotation-old-key">
        {t("akOldKey")}
      </Label>
    );
  }
  if (accessKey.accessKeyId === rotation.newKeyId) {
    return (
      <Label isCompact color="blue" className="pf-v5-u-ml-sm" data-testid="rotation-new-key">
        {t("akNewKey")}
      </Label>
    );
  }
  return null;
};

/** The "unused for" choices, in seconds. */
const UNUSED_FOR = [
  { seconds: 15 * 60, label: "akUnused15Minutes" },
  { seconds: 60 * 60, label: "akUnused1Hour" },
  { seconds: 24 * 60 * 60, label: "akUnused1Day" },
  { seconds: 7 * 24 * 60 * 60, label: "akUnused7Days" },
];

/** "5 minutes ago" in the console's language. */
function ago(iso: string, now: number, language: string): string {
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    seconds < 60
      ? [seconds, "second"]
      : seconds < 3600
        ? [Math.floor(seconds / 60), "minute"]
        : seconds < 86400
          ? [Math.floor(seconds / 3600), "hour"]
          : [Math.floor(seconds / 86400), "day"];
  try {
    return new Intl.RelativeTimeFormat(language || undefined, { numeric: "always" }).format(-value, unit);
  } catch {
    return new Intl.RelativeTimeFormat("en", { numeric: "always" }).format(-value, unit);
  }
}

type RotationPanelProps = {
  rotation: Rotation;
  /** The old key as the list shows it now. */
  oldKey: AccessKey;
  busy: boolean;
  onDisable: (key: AccessKey) => void;
  /** Loads the list again (Last used changes on the server). */
  onRefresh: () => void;
  onDismiss: () => void;
};

/** The old key of a rotation: Disable old key, enabled once it has been unused for the chosen time. */
export const RotationPanel = ({ rotation, oldKey, busy, onDisable, onRefresh, onDismiss }: RotationPanelProps) => {
  const { t, i18n } = useTranslation();
  const [unusedFor, setUnusedFor] = useState(UNUSED_FOR[0].seconds);
  const [now, setNow] = useState(Date.now());
  // The gate opens with time passing too, not only on a reload.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => setNow(Date.now()), [oldKey]);

  const lastUsedAt = oldKey.lastUsed?.at;
  const unusedLongEnough = !lastUsedAt || now - new Date(lastUsedAt).getTime() >= unusedFor * 1000;
  const state = !lastUsedAt
    ? t("akOldKeyNeverUsed")
    : unusedLongEnough
      ? t("akOldKeyUnusedSince", { ago: ago(lastUsedAt, now, i18n.language) })
      : t("akOldKeyStillUsed", { ago: ago(lastUsedAt, now, i18n.language) });

  return (
    <Alert
      variant="info"
      isInline
      className="pf-v5-u-mb-md"
      data-testid="rotation-panel"
      title={t("akRotationTitle", { old: rotation.oldKeyId, new: rotation.newKeyId })}
      actionClose={<AlertActionCloseButton title={t("akDismiss")} onClose={onDismiss} data-testid="rotation-dismiss" />}
    >
      <p>{t("akRotationBody")}</p>
      <Flex className="pf-v5-u-mt-sm" alignItems={{ default: "alignItemsCenter" }}>
        <FlexItem>
          <label htmlFor="rotation-unused-for">{t("akDisableOnceUnusedFor")}</label>
        </FlexItem>
        <FlexItem>
          <FormSelect
            id="rotation-unused-for"
            data-testid="rotation-unused-for"
            style={{ minWidth: "10em" }}
            value={String(unusedFor)}
            onChange={(_event, value) => setUnusedFor(Number(value))}
            aria-label={t("akDisableOnceUnusedFor")}
          >
            {UNUSED_FOR.map(({ seconds, label }) => (
              <FormSelectOption key={seconds} value={String(seconds)} label={t(label)} />
            ))}
          </FormSelect>
        </FlexItem>
        <FlexItem>
          <Button
            variant="primary"
            isDanger
            size="sm"
            isAriaDisabled={!unusedLongEnough || busy}
            onClick={() => onDisable(oldKey)}
            data-testid="disable-old-key"
          >
            {t("akDisableOldKey")}
          </Button>
        </FlexItem>
        <FlexItem>
          <Button variant="link" size="sm" isDisabled={busy} onClick={onRefresh} data-testid="rotation-check-again">
            {t("akCheckAgain")}
          </Button>
        </FlexItem>
      </Flex>
      <p className="pf-v5-u-mt-sm" data-testid="rotation-old-key-state">
        {state}
      </p>
    </Alert>
  );
};
