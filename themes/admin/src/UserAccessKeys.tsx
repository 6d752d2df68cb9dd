import { useAccess, useAdminClient, useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import { Button, PageSection, Spinner, Text, TextContent, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { UserIcon } from "@patternfly/react-icons";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useAlerts } from "@shared/alerts";
import { CsvAnswer } from "@shared/api";
import { ConfirmDialog, CreatedKeyDialog, CreateKeyDialog, KeysTable } from "@shared/components";
import type { AccessKey } from "@shared/types";
import { useApiAction } from "@shared/useApiAction";
import { toUserDetails } from "./paths";
import { useAccessKeysApi } from "./useAccessKeysApi";

type User = { id?: string; username?: string; email?: string; federationLink?: string; access?: Record<string, boolean> };

/** One user's access keys: create (secret shown once), disable/enable, delete, revoke temporary keys. */
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
  const [created, setCreated] = useState<CsvAnswer>();
  const [deleting, setDeleting] = useState<AccessKey>();
  const [revoking, setRevoking] = useState(false);
  const base = `/users/${encodeURIComponent(userId!)}`;

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
      const answer = await api.csv("POST", `${base}/keys`, { body: text ? { description: text } : {} });
      setCreating(false);
      setDescription("");
      setCreated(answer);
    });

  const username = user?.username ?? userId ?? "";

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
        {!keys ? (
          <Spinner size="lg" aria-label={t("akLoading")} />
        ) : (
          <KeysTable
            keys={keys}
            canWrite={canWrite}
            busy={busy}
            emptyTitle={t("akUserNoKeysTitle")}
            emptyBody={canWrite ? t("akUserNoKeysBody") : undefined}
            onSetStatus={(key, status) =>
              run(() => api.json("PATCH", `${base}/keys/${encodeURIComponent(key.accessKeyId)}`, { body: { status } }), {
                success: t(status === "ACTIVE" ? "akKeyEnabledFor" : "akKeyDisabledFor", { id: key.accessKeyId, user: username }),
              })
            }
            onDelete={setDeleting}
          />
        )}
      </PageSection>

      {creating && (
        <CreateKeyDialog
          busy={busy}
          description={description}
          setDescription={setDescription}
          onCreate={create}
          onCancel={() => {
            setCreating(false);
            setDescription("");
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
