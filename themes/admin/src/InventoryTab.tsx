import { useAccess, useRealm } from "@keycloak/keycloak-admin-ui";
import {
  Checkbox,
  FormSelect,
  FormSelectOption,
  InputGroup,
  InputGroupItem,
  InputGroupText,
  PageSection,
  Pagination,
  SearchInput,
  Spinner,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
  Tooltip,
} from "@patternfly/react-core";
import { UserIcon } from "@patternfly/react-icons";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useAlerts } from "@shared/alerts";
import { ConfirmDialog, KeysTable } from "@shared/components";
import type { AccessKey, KeyStatus } from "@shared/types";
import { useApiAction } from "@shared/useApiAction";
import { toUserAccessKeys, toUserDetails } from "./paths";
import { useAccessKeysApi } from "./useAccessKeysApi";

type Filters = {
  search: string;
  status: "" | KeyStatus;
  unusedDays: string;
  minAgeDays: string;
  rotationDue: boolean;
  first: number;
  max: number;
};

const wholeDays = (text: string) => (/^\d+$/.test(text.trim()) ? text.trim() : "");

/**
 * Every key of the realm: search by AK or username, status, "unused for more than N days", "older than N days" and
 * "due for rotation" filters, paging.
 */
export const InventoryTab = () => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const api = useAccessKeysApi();
  const { addError } = useAlerts();
  const canWrite = hasAccess("manage-users");
  const [filters, setFilters] = useState<Filters>({
    search: "",
    status: "",
    unusedDays: "",
    minAgeDays: "",
    rotationDue: false,
    first: 0,
    max: 10,
  });
  const [searchText, setSearchText] = useState("");
  const [unusedText, setUnusedText] = useState("");
  const [ageText, setAgeText] = useState("");
  const [page, setPage] = useState<{ keys: AccessKey[]; hasMore: boolean }>();
  const [deleting, setDeleting] = useState<AccessKey>();
  const [reload, setReload] = useState(0);

  // The day fields apply themselves once typing stops.
  useEffect(() => {
    const timer = setTimeout(() => {
      const unusedDays = wholeDays(unusedText);
      const minAgeDays = wholeDays(ageText);
      setFilters((current) =>
        current.unusedDays === unusedDays && current.minAgeDays === minAgeDays ? current : { ...current, unusedDays, minAgeDays, first: 0 },
      );
    }, 400);
    return () => clearTimeout(timer);
  }, [unusedText, ageText]);

  useEffect(() => {
    const controller = new AbortController();
    api
      .json<AccessKey[]>("GET", "/keys", {
        signal: controller.signal,
        // One more than a page tells whether there is a next page.
        query: {
          search: filters.search,
          status: filters.status,
          unusedDays: filters.unusedDays,
          minAgeDays: filters.minAgeDays,
          rotationDue: filters.rotationDue ? "true" : undefined,
          first: filters.first,
          max: filters.max + 1,
        },
      })
      .then((keys) => setPage({ keys: keys.slice(0, filters.max), hasMore: keys.length > filters.max }))
      .catch((error) => {
        if (controller.signal.aborted) return;
        addError(error);
        setPage({ keys: [], hasMore: false });
      });
    return () => controller.abort();
  }, [api, filters, reload, addError]);

  // After every change, also a failed one, the page loads again (the effect above).
  const reloadPage = useCallback(() => setReload((n) => n + 1), []);
  const { busy, run } = useApiAction({ reload: reloadPage });

  const keyPath = (key: AccessKey) => `/users/${encodeURIComponent(key.userId ?? "")}/keys/${encodeURIComponent(key.accessKeyId)}`;

  return (
    <PageSection variant="light" className="pf-v5-u-p-0" data-testid="inventory">
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchInput
              data-testid="inventory-search"
              aria-label={t("akSearchKeys")}
              placeholder={t("akSearchKeys")}
              value={searchText}
              onChange={(_event, value) => setSearchText(value)}
              onSearch={(_event, value) => setFilters((current) => ({ ...current, search: value.trim(), first: 0 }))}
              onClear={() => {
                setSearchText("");
                setFilters((current) => ({ ...current, search: "", first: 0 }));
              }}
            />
          </ToolbarItem>
          <ToolbarItem>
            <FormSelect
              data-testid="inventory-status"
              style={{ minWidth: "11em" }}
              aria-label={t("akStatus")}
              value={filters.status}
              onChange={(_event, value) => setFilters((current) => ({ ...current, status: value as Filters["status"], first: 0 }))}
            >
              <FormSelectOption value="" label={t("akAllStatuses")} />
              <FormSelectOption value="ACTIVE" label={t("akStatusActive")} />
              <FormSelectOption value="INACTIVE" label={t("akStatusInactive")} />
            </FormSelect>
          </ToolbarItem>
          <ToolbarItem>
            <InputGroup>
              <InputGroupText>{t("akUnusedFor")}</InputGroupText>
              <InputGroupItem>
                <TextInput
                  data-testid="inventory-unused-days"
                  aria-label={t("akUnusedForDays")}
                  type="number"
                  min={0}
                  style={{ width: "7em" }}
                  value={unusedText}
                  onChange={(_event, value) => setUnusedText(value)}
                />
              </InputGroupItem>
              <InputGroupText>{t("akDays")}</InputGroupText>
            </InputGroup>
          </ToolbarItem>
          <ToolbarItem>
            <InputGroup>
              <InputGroupText>{t("akOlderThan")}</InputGroupText>
              <InputGroupItem>
                <TextInput
                  data-testid="inventory-min-age-days"
                  aria-label={t("akOlderThanDays")}
                  type="number"
                  min={0}
                  style={{ width: "7em" }}
                  value={ageText}
                  onChange={(_event, value) => setAgeText(value)}
                />
              </InputGroupItem>
              <InputGroupText>{t("akDays")}</InputGroupText>
            </InputGroup>
          </ToolbarItem>
          <ToolbarItem alignItems="center">
            <Checkbox
              id="inventory-rotation-due"
              data-testid="inventory-rotation-due"
              label={t("akDueForRotation")}
              isChecked={filters.rotationDue}
              onChange={(_event, checked) => setFilters((current) => ({ ...current, rotationDue: checked, first: 0 }))}
            />
          </ToolbarItem>
          <ToolbarItem variant="pagination" align={{ default: "alignRight" }}>
            <Pagination
              data-testid="inventory-pagination"
              isCompact
              perPage={filters.max}
              page={Math.floor(filters.first / filters.max) + 1}
              itemCount={filters.first + (page?.keys.length ?? 0) + (page?.hasMore ? 1 : 0)}
              toggleTemplate={({ firstIndex, lastIndex }) => (
                <b>
                  {firstIndex} - {lastIndex}
                </b>
              )}
              onSetPage={(_event, newPage) => setFilters((current) => ({ ...current, first: (newPage - 1) * current.max }))}
              onPerPageSelect={(_event, perPage) => setFilters((current) => ({ ...current, max: perPage, first: 0 }))}
            />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {!page ? (
        <Spinner size="lg" aria-label={t("akLoading")} />
      ) : (
        <KeysTable
          keys={page.keys}
          canWrite={canWrite}
          busy={busy}
          emptyTitle={t("akInventoryEmptyTitle")}
          emptyBody={t("akInventoryEmptyBody")}
          renderUser={(key) =>
            key.userId ? (
              <>
                <Link to={toUserAccessKeys(realm, key.userId)} data-testid={`user-keys-${key.accessKeyId}`}>
                  {key.username ?? key.userId}
                </Link>{" "}
                <Tooltip content={t("akUserDetails")}>
                  <Link to={toUserDetails(realm, key.userId)} aria-label={t("akUserDetails")} data-testid={`user-details-${key.accessKeyId}`}>
                    <UserIcon />
                  </Link>
                </Tooltip>
              </>
            ) : (
              key.username
            )
          }
          onSetStatus={(key, status) =>
            run(() => api.json("PATCH", keyPath(key), { body: { status } }), {
              success: t(status === "ACTIVE" ? "akKeyEnabledFor" : "akKeyDisabledFor", { id: key.accessKeyId, user: key.username }),
            })
          }
          onDelete={setDeleting}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t("akDeleteTitle")}
          body={t("akDeleteBodyFor", { id: deleting.accessKeyId, user: deleting.username })}
          confirmLabel={t("akDelete")}
          onCancel={() => setDeleting(undefined)}
          onConfirm={() => {
            const key = deleting;
            setDeleting(undefined);
            run(() => api.json("DELETE", keyPath(key)), {
              success: t("akKeyDeletedFor", { id: key.accessKeyId, user: key.username }),
            });
          }}
        />
      )}
    </PageSection>
  );
};
