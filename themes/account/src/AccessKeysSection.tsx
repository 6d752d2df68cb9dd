import {
  Button,
  Flex,
  FlexItem,
  HelperText,
  HelperTextItem,
  Spinner,
  Text,
  TextContent,
  Title,
} from "@patternfly/react-core";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAlerts } from "@shared/alerts";
import { AccessKeysApi, CsvAnswer } from "@shared/api";
import { ConfirmDialog, CreatedKeyDialog, CreateKeyDialog, KeysTable } from "@shared/components";
import { meansStaleList } from "@shared/errors";
import { canRotate, RotationKeyLabel, RotationPanel, rotationRequest, useRotation } from "@shared/rotation";
import { cleanRoleSet, isEmptyRoleSet, ScopePicker } from "@shared/scope";
import { LoginCapable, takePendingAction } from "@shared/stepUp";
import type { AccessKey, CreateKeyRequest, KeyStatus, Me, RoleSet } from "@shared/types";
import { useApiAction } from "@shared/useApiAction";

type Props = { api: AccessKeysApi; me: Me; keycloak: LoginCapable };

const KINDS = ["create", "rotate", "setStatus", "delete"];

/** Permanent access keys: the table, Create access key (optionally limited to roles), Rotate, Disable/Enable, Delete. */
export const AccessKeysSection = ({ api, me, keycloak }: Props) => {
  const { t } = useTranslation();
  const { addError } = useAlerts();
  const [keys, setKeys] = useState<AccessKey[]>();
  const [creating, setCreating] = useState(false);
  const [description, setDescription] = useState("");
  const [scope, setScope] = useState<RoleSet | null>(null);
  const [created, setCreated] = useState<CsvAnswer>();
  const [rotation, setRotation] = useRotation(`account.${me.username}`);
  const [deleting, setDeleting] = useState<AccessKey>();
  const resumed = useRef(false);

  const load = useCallback(async () => {
    try {
      setKeys(await api.json<AccessKey[]>("GET", "/me/keys"));
    } catch (error) {
      addError(error);
      setKeys((current) => current ?? []);
    }
  }, [api, addError]);

  // A step-up challenge sends the user to re-authenticate, once, and the action resumes after (see the effect).
  const { busy, run } = useApiAction({ reload: load, reloadAfterError: meansStaleList, keycloak });

  const loadRoles = useCallback(() => api.json<RoleSet>("GET", "/me/roles"), [api]);

  const create = useCallback(
    (text: string, roles: RoleSet | null, afterStepUp = false) =>
      run(
        async () => {
          const body: CreateKeyRequest = {
            ...(text.trim() ? { description: text.trim() } : {}),
            ...(roles ? { roles: cleanRoleSet(roles) } : {}),
          };
          const answer = await api.csv("POST", "/me/keys", { body });
          setCreating(false);
          setDescription("");
          setScope(null);
          setCreated(answer);
        },
        { resume: { kind: "create", description: text, roles }, afterStepUp },
      ),
    [api, run],
  );

  // The second key: same description and scope as the only one; the old one is then offered for disabling.
  const rotate = useCallback(
    (old: AccessKey, afterStepUp = false) =>
      run(
        async () => {
          const answer = await api.csv("POST", "/me/keys", { body: rotationRequest(old) });
          setRotation({ oldKeyId: old.accessKeyId, newKeyId: answer.credentials.accessKeyId });
          setCreated(answer);
        },
        { resume: { kind: "rotate", accessKeyId: old.accessKeyId }, afterStepUp },
      ),
    [api, run, setRotation],
  );

  const setStatus = useCallback(
    (accessKeyId: string, status: KeyStatus, afterStepUp = false) =>
      run(() => api.json("PATCH", `/me/keys/${encodeURIComponent(accessKeyId)}`, { body: { status } }), {
        success: t(status === "ACTIVE" ? "akKeyEnabled" : "akKeyDisabled", { id: accessKeyId }),
        resume: { kind: "setStatus", accessKeyId, status },
        afterStepUp,
      }),
    [api, run, t],
  );

  const remove = useCallback(
    (accessKeyId: string, afterStepUp = false) =>
      run(() => api.json("DELETE", `/me/keys/${encodeURIComponent(accessKeyId)}`), {
        success: t("akKeyDeleted", { id: accessKeyId }),
        resume: { kind: "delete", accessKeyId },
        afterStepUp,
      }),
    [api, run, t],
  );

  useEffect(() => {
    load().then(() => {
      // Back from a re-authentication: finish what the user asked for.
      if (resumed.current) return;
      resumed.current = true;
      const pending = takePendingAction(KINDS);
      if (pending?.kind === "create") create(String(pending.description ?? ""), (pending.roles as RoleSet | null) ?? null, true);
      else if (pending?.kind === "rotate") {
        api
          .json<AccessKey>("GET", `/me/keys/${encodeURIComponent(String(pending.accessKeyId))}`)
          .then((old) => rotate(old, true))
          .catch(addError);
      }
      else if (pending?.kind === "setStatus") setStatus(String(pending.accessKeyId), pending.status as KeyStatus, true);
      else if (pending?.kind === "delete") remove(String(pending.accessKeyId), true);
    });
  }, []);

  const quotaReached = !!keys && keys.length >= me.quota;
  const disabledReason = !me.canCreatePermanent
    ? t("akPermanentNotAllowed")
    : quotaReached
      ? t("akQuotaReached", { quota: me.quota })
      : undefined;
  const rotatable = canRotate(keys, me.canCreatePermanent && me.quota >= 2);
  // The offer stands while the old key is active and the new one is there.
  const oldKey = rotation && keys?.find((key) => key.accessKeyId === rotation.oldKeyId && key.status === "ACTIVE");
  const rotating = !!oldKey && !!keys?.some((key) => key.accessKeyId === rotation!.newKeyId);

  return (
    <section aria-labelledby="access-keys-title" data-testid="access-keys-section">
      <TextContent className="pf-v5-u-mb-md">
        <Title headingLevel="h2" size="xl" id="access-keys-title">
          {t("akAccessKeys")}
        </Title>
        <Text>{t("akAccessKeysDescription", { quota: me.quota })}</Text>
        {me.maxKeyAgeDays && <Text data-testid="max-key-age-hint">{t("akMaxKeyAgeHint", { days: me.maxKeyAgeDays })}</Text>}
      </TextContent>
      <Flex className="pf-v5-u-mb-md" alignItems={{ default: "alignItemsCenter" }}>
        <FlexItem>
          <Button
            variant="primary"
            onClick={() => setCreating(true)}
            isAriaDisabled={!!disabledReason || !keys || busy}
            data-testid="create-access-key"
          >
            {t("akCreateAccessKey")}
          </Button>
        </FlexItem>
        {rotatable && (
          <FlexItem>
            <Button variant="secondary" onClick={() => rotate(keys![0])} isDisabled={busy} data-testid="rotate-access-key">
              {t("akRotate")}
            </Button>
          </FlexItem>
        )}
        {rotatable && (
          <FlexItem>
            <HelperText>
              <HelperTextItem>{t("akRotateHelp")}</HelperTextItem>
            </HelperText>
          </FlexItem>
        )}
        {disabledReason && !rotating && (
          <FlexItem>
            <HelperText>
              <HelperTextItem variant="warning" hasIcon data-testid="create-disabled-reason">
                {disabledReason}
              </HelperTextItem>
            </HelperText>
          </FlexItem>
        )}
      </Flex>
      {rotating && (
        <RotationPanel
          rotation={rotation!}
          oldKey={oldKey!}
          busy={busy}
          onRefresh={load}
          onDismiss={() => setRotation(undefined)}
          onDisable={(key) => setStatus(key.accessKeyId, "INACTIVE")}
        />
      )}
      {!keys ? (
        <Spinner size="lg" aria-label={t("akLoading")} />
      ) : (
        <KeysTable
          keyLabel={(key) => rotating && <RotationKeyLabel rotation={rotation} accessKey={key} />}
          keys={keys}
          canWrite
          busy={busy}
          onSetStatus={(key, status) => setStatus(key.accessKeyId, status)}
          onDelete={setDeleting}
          emptyTitle={t("akNoKeysTitle")}
          emptyBody={me.canCreatePermanent ? t("akNoKeysBody") : undefined}
        />
      )}

      {creating && (
        <CreateKeyDialog
          busy={busy}
          description={description}
          setDescription={setDescription}
          scope={<ScopePicker loadRoles={loadRoles} value={scope} onChange={setScope} />}
          createDisabled={scope !== null && isEmptyRoleSet(scope)}
          onCreate={() => create(description, scope)}
          onCancel={() => {
            setCreating(false);
            setDescription("");
            setScope(null);
          }}
        />
      )}
      {created && (
        <CreatedKeyDialog
          credentials={created.credentials}
          csv={created.csv}
          filename={created.filename}
          onClose={() => setCreated(undefined)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t("akDeleteTitle")}
          body={t("akDeleteBody", { id: deleting.accessKeyId })}
          confirmLabel={t("akDelete")}
          onCancel={() => setDeleting(undefined)}
          onConfirm={() => {
            const { accessKeyId } = deleting;
            setDeleting(undefined);
            remove(accessKeyId);
          }}
        />
      )}
    </section>
  );
};
