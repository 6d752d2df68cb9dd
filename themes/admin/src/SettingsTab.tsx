import { useAccess, useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import {
  ActionGroup,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  FormSection,
  HelperText,
  HelperTextItem,
  InputGroup,
  InputGroupItem,
  InputGroupText,
  PageSection,
  Spinner,
  Switch,
  TextInput,
} from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAlerts } from "@shared/alerts";
import type { AccessKeySettings } from "@shared/types";
import { useApiAction } from "@shared/useApiAction";
import { useAccessKeysApi } from "./useAccessKeysApi";

type IdentityProvider = { alias?: string; displayName?: string };

// The form edits minutes; the API speaks seconds. The key age fields are days, empty for off (null).
type Draft = Omit<
  AccessKeySettings,
  | "temporaryMinDurationSeconds"
  | "temporaryMaxDurationSeconds"
  | "temporaryDefaultDurationSeconds"
  | "operationProtectionMaxAgeSeconds"
  | "maxKeyAgeDays"
  | "retireUnusedKeysAfterDays"
> & { maxAgeSeconds: string; minMinutes: string; maxMinutes: string; defaultMinutes: string; maxKeyAgeDays: string; retireDays: string };

const MAX_DAYS = 3650;

/** Empty (off) or a whole number of days from 1 to 3650. */
const validDays = (text: string) => text.trim() === "" || (/^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= MAX_DAYS);
const daysOrNull = (text: string) => (text.trim() === "" ? null : Number(text.trim()));

const toDraft = (s: AccessKeySettings): Draft => {
  const {
    temporaryMinDurationSeconds,
    temporaryMaxDurationSeconds,
    temporaryDefaultDurationSeconds,
    operationProtectionMaxAgeSeconds,
    maxKeyAgeDays,
    retireUnusedKeysAfterDays,
    ...rest
  } = s;
  return {
    ...rest,
    maxKeyAgeDays: maxKeyAgeDays == null ? "" : String(maxKeyAgeDays),
    retireDays: retireUnusedKeysAfterDays == null ? "" : String(retireUnusedKeysAfterDays),
    temporaryIdentityProviders: rest.temporaryIdentityProviders ?? [],
    maxAgeSeconds: String(operationProtectionMaxAgeSeconds),
    minMinutes: String(temporaryMinDurationSeconds / 60),
    maxMinutes: String(temporaryMaxDurationSeconds / 60),
    defaultMinutes: String(temporaryDefaultDurationSeconds / 60),
  };
};

const fromDraft = (d: Draft): AccessKeySettings => {
  const { maxAgeSeconds, minMinutes, maxMinutes, defaultMinutes, maxKeyAgeDays, retireDays, ...rest } = d;
  return {
    ...rest,
    maxKeyAgeDays: daysOrNull(maxKeyAgeDays),
    retireUnusedKeysAfterDays: daysOrNull(retireDays),
    operationProtectionMaxAgeSeconds: Number(maxAgeSeconds),
    temporaryMinDurationSeconds: Math.round(Number(minMinutes) * 60),
    temporaryMaxDurationSeconds: Math.round(Number(maxMinutes) * 60),
    temporaryDefaultDurationSeconds: Math.round(Number(defaultMinutes) * 60),
  };
};

/** The realm's access key settings (DESIGN.md §5): operation protection, temporary keys, key age, the two exceptions. */
export const SettingsTab = () => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const { adminClient } = useAdminClient();
  const api = useAccessKeysApi();
  const { addError } = useAlerts();
  const canEdit = hasAccess("manage-realm");
  const [saved, setSaved] = useState<AccessKeySettings>();
  const [draft, setDraft] = useState<Draft>();
  // undefined: this admin may not list the realm's identity providers.
  const [providers, setProviders] = useState<IdentityProvider[]>();
  const { busy, run } = useApiAction();

  useEffect(() => {
    api
      .json<AccessKeySettings>("GET", "/settings")
      .then((settings) => {
        setSaved(settings);
        setDraft(toDraft(settings));
      })
      .catch(addError);
    if (hasAccess("view-identity-providers") || hasAccess("view-realm")) {
      adminClient.identityProviders
        .find({ realm })
        .then((found: IdentityProvider[]) => setProviders(found))
        .catch(() => setProviders(undefined));
    }
  }, [api, adminClient, realm]);

  if (!draft) return <Spinner size="lg" aria-label={t("akLoading")} />;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current!, [key]: value }));
  const number = (key: "maxAgeSeconds" | "minMinutes" | "maxMinutes" | "defaultMinutes", unit: string, label: string) => (
    <InputGroup>
      <InputGroupItem>
        <TextInput
          id={`setting-${key}`}
          data-testid={`setting-${key}`}
          type="number"
          min={0}
          style={{ width: "9em" }}
          value={draft[key]}
          isDisabled={!canEdit}
          aria-label={label}
          onChange={(_event, value) => set(key, value)}
        />
      </InputGroupItem>
      <InputGroupText>{unit}</InputGroupText>
    </InputGroup>
  );
  const days = (key: "maxKeyAgeDays" | "retireDays", label: string) => {
    const valid = validDays(draft[key]);
    return (
      <>
        <InputGroup>
          <InputGroupItem>
            <TextInput
              id={`setting-${key}`}
              data-testid={`setting-${key}`}
              type="number"
              min={1}
              max={MAX_DAYS}
              style={{ width: "9em" }}
              value={draft[key]}
              isDisabled={!canEdit}
              aria-label={label}
              placeholder={t("akOff")}
              validated={valid ? "default" : "error"}
              onChange={(_event, value) => set(key, value)}
            />
          </InputGroupItem>
          <InputGroupText>{t("akDays")}</InputGroupText>
        </InputGroup>
        {!valid && (
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant="error" data-testid={`setting-${key}-error`}>
                {t("akDaysRangeError", { max: MAX_DAYS })}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        )}
      </>
    );
  };
  const invalid = !validDays(draft.maxKeyAgeDays) || !validDays(draft.retireDays);
  const selected = new Set(draft.temporaryIdentityProviders);
  // Aliases saved earlier whose provider is gone still show, so that they can be unticked.
  const aliases = [...new Set([...(providers ?? []).map((p) => p.alias!).filter(Boolean), ...draft.temporaryIdentityProviders])];

  const save = () =>
    run(
      async () => {
        const body = fromDraft(draft);
        const answer = await api.json<AccessKeySettings | undefined>("PUT", "/settings", { body });
        const now = answer ?? body;
        setSaved(now);
        setDraft(toDraft(now));
      },
      { success: t("akSettingsSaved") },
    );

  return (
    <PageSection variant="light" data-testid="settings-tab">
      <Form
        isHorizontal
        className="pf-v5-u-mt-md"
        style={{ maxWidth: "60rem" }}
        onSubmit={(event) => {
          event.preventDefault();
          if (canEdit && !invalid) save();
        }}
      >
        <FormSection title={t("akSettingsProtection")} titleElement="h2">
          <FormGroup label={t("akOperationProtection")} fieldId="setting-operationProtection" hasNoPaddingTop>
            <Switch
              id="setting-operationProtection"
              data-testid="setting-operationProtection"
              label={t("akOn")}
              labelOff={t("akOff")}
              isChecked={draft.operationProtection}
              isDisabled={!canEdit}
              onChange={(_event, value) => set("operationProtection", value)}
            />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t("akOperationProtectionHelp")}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <FormGroup label={t("akOperationProtectionMaxAge")} fieldId="setting-maxAgeSeconds">
            {number("maxAgeSeconds", t("akSeconds"), t("akOperationProtectionMaxAge"))}
          </FormGroup>
        </FormSection>

        <FormSection title={t("akSettingsTemporary")} titleElement="h2">
          <FormGroup label={t("akTemporaryMin")} fieldId="setting-minMinutes">
            {number("minMinutes", t("akMinutes"), t("akTemporaryMin"))}
          </FormGroup>
          <FormGroup label={t("akTemporaryDefault")} fieldId="setting-defaultMinutes">
            {number("defaultMinutes", t("akMinutes"), t("akTemporaryDefault"))}
          </FormGroup>
          <FormGroup label={t("akTemporaryMax")} fieldId="setting-maxMinutes">
            {number("maxMinutes", t("akMinutes"), t("akTemporaryMax"))}
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t("akTemporaryRangeHelp")}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <FormGroup label={t("akTemporaryProviders")} fieldId="setting-providers" role="group" isStack>
            {aliases.length === 0 && (
              <span className="pf-v5-u-color-200">{providers ? t("akNoIdentityProviders") : t("akAnyIdentityProvider")}</span>
            )}
            {aliases.map((alias) => {
              const provider = providers?.find((p) => p.alias === alias);
              return (
                <Checkbox
                  key={alias}
                  id={`setting-idp-${alias}`}
                  data-testid={`setting-idp-${alias}`}
                  label={provider?.displayName ? `${provider.displayName} (${alias})` : alias}
                  isChecked={selected.has(alias)}
                  isDisabled={!canEdit}
                  onChange={(_event, checked) =>
                    set(
                      "temporaryIdentityProviders",
                      checked ? [...draft.temporaryIdentityProviders, alias] : draft.temporaryIdentityProviders.filter((a) => a !== alias),
                    )
                  }
                />
              );
            })}
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t("akTemporaryProvidersHelp")}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
        </FormSection>

        <FormSection title={t("akSettingsKeyAge")} titleElement="h2">
          <FormGroup label={t("akMaxKeyAge")} fieldId="setting-maxKeyAgeDays">
            {days("maxKeyAgeDays", t("akMaxKeyAge"))}
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t("akMaxKeyAgeHelp")}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <FormGroup label={t("akRetireUnused")} fieldId="setting-retireDays">
            {days("retireDays", t("akRetireUnused"))}
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t("akRetireUnusedHelp")}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
        </FormSection>

        <FormSection title={t("akSettingsExceptions")} titleElement="h2">
          <FormGroup label={t("akAllowTemporaryForLocal")} fieldId="setting-allowTemporaryForLocalUsers" hasNoPaddingTop>
            <Switch
              id="setting-allowTemporaryForLocalUsers"
              data-testid="setting-allowTemporaryForLocalUsers"
              label={t("akOn")}
              labelOff={t("akOff")}
              isChecked={draft.allowTemporaryForLocalUsers}
              isDisabled={!canEdit}
              onChange={(_event, value) => set("allowTemporaryForLocalUsers", value)}
            />
          </FormGroup>
          <FormGroup label={t("akAllowPermanentForFederated")} fieldId="setting-allowPermanentForFederatedUsers" hasNoPaddingTop>
            <Switch
              id="setting-allowPermanentForFederatedUsers"
              data-testid="setting-allowPermanentForFederatedUsers"
              label={t("akOn")}
              labelOff={t("akOff")}
              isChecked={draft.allowPermanentForFederatedUsers}
              isDisabled={!canEdit}
              onChange={(_event, value) => set("allowPermanentForFederatedUsers", value)}
            />
          </FormGroup>
        </FormSection>

        {canEdit && (
          <ActionGroup>
            <Button type="submit" variant="primary" isLoading={busy} isDisabled={busy || invalid} data-testid="settings-save">
              {t("akSave")}
            </Button>
            <Button variant="link" onClick={() => saved && setDraft(toDraft(saved))} data-testid="settings-revert">
              {t("akRevert")}
            </Button>
          </ActionGroup>
        )}
      </Form>
    </PageSection>
  );
};
