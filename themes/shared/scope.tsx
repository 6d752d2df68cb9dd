// A key's scope (the roles it is limited to): the table cell and the create dialog's role picker.
import { Checkbox, FormGroup, HelperText, HelperTextItem, Label, Radio, Spinner, Stack, StackItem, Tooltip } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAlerts } from "./alerts";
import type { RoleSet } from "./types";

/** One role of a set: a realm role (client undefined) or a client's role. */
type RoleRef = { client?: string; role: string };

/** The roles of a set, realm roles first, each group sorted by name. */
export function roleList(set: RoleSet | null | undefined): RoleRef[] {
  if (!set) return [];
  const realm = [...(set.realm ?? [])].sort().map((role) => ({ role }));
  const clients = Object.keys(set.clients ?? {})
    .sort()
    .flatMap((client) => [...(set.clients![client] ?? [])].sort().map((role) => ({ client, role })));
  return [...realm, ...clients];
}

const roleName = ({ client, role }: RoleRef) => (client ? `${client}: ${role}` : role);

function contains(set: RoleSet, { client, role }: RoleRef): boolean {
  return client ? !!set.clients?.[client]?.includes(role) : !!set.realm?.includes(role);
}

function toggle(set: RoleSet, { client, role }: RoleRef, on: boolean): RoleSet {
  const edit = (roles: string[] | undefined) => (on ? [...new Set([...(roles ?? []), role])] : (roles ?? []).filter((r) => r !== role));
  if (!client) return { ...set, realm: edit(set.realm) };
  const clients = { ...(set.clients ?? {}), [client]: edit(set.clients?.[client]) };
  if (clients[client].length === 0) delete clients[client];
  return { ...set, clients };
}

export const isEmptyRoleSet = (set: RoleSet) => roleList(set).length === 0;

/** Only the parts the contract names, without empty groups (the request body of a scoped create). */
export function cleanRoleSet(set: RoleSet): RoleSet {
  const clients = Object.fromEntries(Object.entries(set.clients ?? {}).filter(([, roles]) => roles.length > 0));
  return { realm: set.realm ?? [], clients };
}

const SHOWN = 2;

/** "All roles", or the first roles and "+N more" (all of them in the tooltip). */
export const ScopeCell = ({ roles }: { roles: RoleSet | null | undefined }) => {
  const { t } = useTranslation();
  const list = roleList(roles);
  if (!roles) return <span className="pf-v5-u-color-200">{t("akAllRoles")}</span>;
  if (list.length === 0) return <span className="pf-v5-u-color-200">{t("akNoRoles")}</span>;
  const shown = list.slice(0, SHOWN);
  const rest = list.length - shown.length;
  return (
    <span data-testid="key-scope-roles">
      {shown.map((ref) => (
        <Label key={roleName(ref)} isCompact className="pf-v5-u-mr-xs" data-testid="key-scope-role">
          {roleName(ref)}
        </Label>
      ))}
      {rest > 0 && (
        <Tooltip content={list.map(roleName).join(", ")}>
          <Label isCompact variant="outline" data-testid="key-scope-more" tabIndex={0}>
            {t("akMoreRoles", { count: rest })}
          </Label>
        </Tooltip>
      )}
    </span>
  );
};

type ScopePickerProps = {
  /** The roles the key's owner holds (GET .../roles): a key may be limited to these only. */
  loadRoles: () => Promise<RoleSet>;
  /** null: all roles of the user (unscoped). */
  value: RoleSet | null;
  onChange: (value: RoleSet | null) => void;
};

/** "All roles of the user" (default) or "Limit to roles" with the owner's roles as checkboxes, grouped by client. */
export const ScopePicker = ({ loadRoles, value, onChange }: ScopePickerProps) => {
  const { t } = useTranslation();
  const { addError } = useAlerts();
  const [held, setHeld] = useState<RoleSet>();

  useEffect(() => {
    let live = true;
    loadRoles()
      .then((roles) => live && setHeld(roles ?? {}))
      .catch((error) => {
        if (!live) return;
        addError(error);
        setHeld({});
      });
    return () => {
      live = false;
    };
  }, [loadRoles, addError]);

  const all = roleList(held);
  const groups: { title: string; refs: RoleRef[] }[] = [];
  for (const ref of all) {
    const title = ref.client ? t("akClientRoles", { client: ref.client }) : t("akRealmRoles");
    const group = groups.find((g) => g.title === title);
    if (group) group.refs.push(ref);
    else groups.push({ title, refs: [ref] });
  }

  return (
    <FormGroup label={t("akScope")} role="radiogroup" fieldId="new-key-scope" isStack>
      <Radio
        id="new-key-scope-all"
        name="new-key-scope"
        data-testid="scope-all"
        label={t("akScopeAll")}
        isChecked={value === null}
        onChange={() => onChange(null)}
      />
      <Radio
        id="new-key-scope-limited"
        name="new-key-scope"
        data-testid="scope-limited"
        label={t("akLimitToRoles")}
        description={t("akLimitToRolesHelp")}
        isChecked={value !== null}
        onChange={() => onChange(value ?? {})}
      />
      {value !== null && (
        <div className="pf-v5-u-ml-lg" data-testid="scope-roles" style={{ maxHeight: "16rem", overflowY: "auto" }}>
          {!held ? (
            <Spinner size="md" aria-label={t("akLoading")} />
          ) : all.length === 0 ? (
            <span className="pf-v5-u-color-200">{t("akNoRolesToPick")}</span>
          ) : (
            <Stack hasGutter>
              {groups.map(({ title, refs }) => (
                <StackItem key={title}>
                  <div className="pf-v5-u-font-weight-bold pf-v5-u-mb-xs">{title}</div>
                  {refs.map((ref) => {
                    const id = ref.client ? `role-client-${ref.client}-${ref.role}` : `role-realm-${ref.role}`;
                    return (
                      <Checkbox
                        key={id}
                        id={id}
                        data-testid={id}
                        label={ref.role}
                        isChecked={contains(value, ref)}
                        onChange={(_event, checked) => onChange(toggle(value, ref, checked))}
                      />
                    );
                  })}
                </StackItem>
              ))}
            </Stack>
          )}
          {held && all.length > 0 && isEmptyRoleSet(value) && (
            <HelperText className="pf-v5-u-mt-sm">
              <HelperTextItem variant="warning" data-testid="scope-pick-one">
                {t("akPickOneRole")}
              </HelperTextItem>
            </HelperText>
          )}
        </div>
      )}
    </FormGroup>
  );
};
