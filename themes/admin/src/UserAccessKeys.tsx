import { useAccess, useAdminClient, useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import { Button, PageSection, Spinner, Text, TextContent, Toolbar, ToolbarContent, ToolbarItem, Tooltip } from "@patternfly/react-core";
import { UserIcon } from "@patternfly/react-icons";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useAlerts } from "@shared/alerts";
import { CsvAnswer } from "@shared/api";
import { ConfirmDialog, CreatedKeyDialog, CreateKeyDialog, KeysTable } from "@shared/components";
import { canRotate, RotationKeyLabel, RotationPanel, rotationRequest, useRotation } from "@shared/rotation";
import { cleanRoleSet, isEmptyRoleSet, ScopePicker } from "@shared/scope";
import type { AccessKey, CreateKeyRequest, RoleSet } from "@shared/types";
import { useApiAction } from "@shared/useApiAction";
import { toUserDetails } from "./paths";
import { useAccessKeysApi } from "./useAccessKeysApi";

type User = { id?: string; username?: string; email?: string; federationLink?: string; access?: Record<string, boolean> };

/** One user's access keys: create (secret shown once, optionally limited to roles), rotate, disable/enable, delete, revoke temporary keys. */
export default function UserAccessKeys() {
  const { t } = useTranslation();
  const { userId } = useParams<{ userId: string }>();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const { adminClient } = useAdminClient();
  const api = useAccessKeysApi();
  const { addError } = useAlerts();
  const [user, setUser] = useState<User>();
  const [keys, setKeys] = useState<AccessKey[]>();
  const [creating, setCreating] = useState(false);
  const [description, setDescription] = useState("");
  const [scope, setScope] = useState<RoleSet | null>(null);
  const [created, setCreated] = useState<CsvAnswer>();
  const [deleting, setDeleting] = useState<AccessKey>();
  const [revoking, setRevoking] = useState(false);
  const base = `/users/${encodeURIComponent(userId!)}`;
  const [rotation, setRotation] = useRotation(`admin.${realm}.${userId}`);
  const loadRoles = useCallback(() => api.json<RoleSet>("GET", `${base}/roles`), [api, base]);

  const load = useCallback(async () => {
    try {
      setKeys(await api.json<AccessKey[]>("GET", `${base}/keys`));
    } catch (error) {
      addError(error);
      setKeys((current) => current ?? []);
    }
  }, [api, base, addError]);

  useEffect(() => {
    adminClient.users
      .findOne({ realm, id: userId! })
      .then((found: User | undefined) => setUser(found ?? { id: userId }))
      .catch((error: unknown) => {
        addError(error);
        setUser({ id: userId });
      });
    load();
  }, [adminClient, realm, userId, load, addError]);

  // The admin's roles, narrowed by the user's own access (fine-grained admin permissions).
  const canWrite = user?.access ? !!user.access.manage : hasAccess("manage-users");

  // After every change, also a failed one, the list loads again.
  const { busy, run } = useApiAction({ reload: load });

  const create = () =>
    run(async () => {
      const text = description.trim();
      const body: CreateKeyRequest = { ...(text ? { description: text } : {}), ...(scope ? { roles: cleanRoleSet(scope) } : {}) };
      const answer = await api.csv("POST", `${base}/keys`, { body });
      setCreating(false);
      setDescription("");
      setScope(null);
      setCreated(answer);
    });

  // The second key: same description and scope as the only one; the old one is then offered for disabling.
  const rotate = (old: AccessKey) =>
    run(async () => {
      const answer = await api.csv("POST", `${base}/keys`, { body: rotationRequest(old) });
      setRotation({ oldKeyId: old.accessKeyId, newKeyId: answer.credentials.accessKeyId });
      setCreated(answer);
    });

  const setStatus = (key: AccessKey, status: AccessKey["status"]) =>
    run(() => api.json("PATCH", `${base}/keys/${encodeURIComponent(key.accessKeyId)}`, { body: { status } }), {
      success: t(status === "ACTIVE" ? "akKeyEnabledFor" : "akKeyDisabledFor", { id: key.accessKeyId, user: username }),
    });

  const username = user?.username ?? userId ?? "";
  // The quota is a server option the admin API does not show: with a quota of one, the create answers 409.
  const rotatable = canRotate(keys, canWrite);
  const oldKey = rotation && keys?.find((key) => key.accessKeyId === rotation.oldKeyId && key.status === "ACTIVE");
  const rotating = canWrite && !!oldKey && !!keys?.some((key) => key.accessKeyId === rotation!.newKeyId);

  return (
    <>
      <ViewHeader titleKey={username} noTranslate subKey={t("akUserAccessKeysDescription", { user: username })} divider={false} />
      <PageSection variant="light" className="pf-v5-u-pt-0" data-testid="user-access-keys">
        <Toolbar>
          <ToolbarContent>
            {canWrite && (
              <>
                <ToolbarItem>
                  <Button variant="primary" onClick={() => setCreating(true)} isDisabled={busy || !keys} data-testid="create-access-key">
                    {t("akCreateAccessKey")}
                  </Button>
                </ToolbarItem>
                {rotatable && (
                  <ToolbarItem>
                    <Tooltip content={t("akRotateHelp")}>
                      <Button variant="secondary" onClick={() => rotate(keys![0])} isDisabled={busy} data-testid="rotate-access-key">
                        {t("akRotate")}
                      </Button>
                    </Tooltip>
                  </ToolbarItem>
                )}
                <ToolbarItem>
                  <Button variant="secondary" isDanger onClick={() => setRevoking(true)} isDisabled={busy} data-testid="revoke-temporary">
                    {t("akRevokeTemporary")}
                  </Button>
                </ToolbarItem>
              </>
            )}
            <ToolbarItem>
              <Button
                variant="link"
                icon={<UserIcon />}
                component={(props) => <Link {...props} to={toUserDetails(realm, userId!)} />}
                data-testid="user-details-link"
              >
                {t("akUserDetails")}
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        {user?.federationLink && (
          <TextContent className="pf-v5-u-mb-md">
            <Text className="pf-v5-u-color-200">{t("akFederatedUserNote")}</Text>
          </TextContent>
        )}
        {rotating && (
          <RotationPanel
            rotation={rotation!}
            oldKey={oldKey!}
            busy={busy}
            onRefresh={load}
            onDismiss={() => setRotation(undefined)}
            onDisable={(key) => setStatus(key, "INACTIVE")}
          />
        )}
        {!keys ? (
          <Spinner size="lg" aria-label={t("akLoading")} />
        ) : (
          <KeysTable
            keyLabel={(key) => rotating && <RotationKeyLabel rotation={rotation} accessKey={key} />}
            keys={keys}
            canWrite={canWrite}
            busy={busy}
            emptyTitle={t("akUserNoKeysTitle")}
            emptyBody={canWrite ? t("akUserNoKeysBody") : undefined}
            onSetStatus={setStatus}
            onDelete={setDeleting}
          />
        )}
      </PageSection>

      {creating && (
        <CreateKeyDialog
          busy={busy}
          description={description}
          setDescription={setDescription}
          scope={<ScopePicker loadRoles={loadRoles} value={scope} onChange={setScope} />}
          createDisabled={scope !== null && isEmptyRoleSet(scope)}
          onCreate={create}
          onCancel={() => {
            setCreating(false);
            setDescription("");
            setScope(null);
          }}
        >
          <TextContent className="pf-v5-u-mb-md">
            <Text>{t("akCreateForUser", { user: username })}</Text>
          </TextContent>
        </CreateKeyDialog>
      )}
      {created && (
        <CreatedKeyDialog credentials={created.credentials} csv={created.csv} filename={created.filename} onClose={() => setCreated(undefined)} />
      )}
      {deleting && (
        <ConfirmDialog
          title={t("akDeleteTitle")}
          body={t("akDeleteBodyFor", { id: deleting.accessKeyId, user: username })}
          confirmLabel={t("akDelete")}
          onCancel={() => setDeleting(undefined)}
          onConfirm={() => {
            const key = deleting;
            setDeleting(undefined);
            run(() => api.json("DELETE", `${base}/keys/${encodeURIComponent(key.accessKeyId)}`), {
              success: t("akKeyDeletedFor", { id: key.accessKeyId, user: username }),
            });
          }}
        />
      )}
      {revoking && (
        <ConfirmDialog
          title={t("akRevokeTemporaryTitle")}
          body={t("akRevokeTemporaryBody", { user: username })}
          confirmLabel={t("akRevoke")}
          onCancel={() => setRevoking(false)}
          onConfirm={() => {
            setRevoking(false);
            run(() => api.json("POST", `${base}/temporary/revoke`), { success: t("akTemporaryRevoked", { user: username }) });
          }}
        />
      )}
    </>
  );
}
