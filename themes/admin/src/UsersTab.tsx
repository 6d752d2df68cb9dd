import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import {
  Button,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  EmptyStateIcon,
  PageSection,
  Pagination,
  SearchInput,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { SearchIcon } from "@patternfly/react-icons";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useAlerts } from "@shared/alerts";
import { toUserAccessKeys, toUserDetails } from "./paths";

type User = { id?: string; username?: string; email?: string; firstName?: string; lastName?: string };

/** Finds a user (also one without keys yet) to open their access keys. */
export const UsersTab = () => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const { adminClient } = useAdminClient();
  const { addError } = useAlerts();
  const [searchText, setSearchText] = useState("");
  const [query, setQuery] = useState<{ search: string; first: number; max: number }>({ search: "", first: 0, max: 10 });
  const [page, setPage] = useState<{ users: User[]; hasMore: boolean }>();

  useEffect(() => {
    let cancelled = false;
    setPage(undefined);
    adminClient.users
      .find({ realm, search: query.search || undefined, first: query.first, max: query.max + 1, briefRepresentation: true })
      .then((users: User[]) => {
        if (!cancelled) setPage({ users: users.slice(0, query.max), hasMore: users.length > query.max });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        addError(error);
        setPage({ users: [], hasMore: false });
      });
    return () => {
      cancelled = true;
    };
  }, [adminClient, realm, query, addError]);

  return (
    <PageSection variant="light" className="pf-v5-u-p-0" data-testid="users-tab">
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchInput
              data-testid="user-search"
              aria-label={t("akSearchUsers")}
              placeholder={t("akSearchUsers")}
              value={searchText}
              onChange={(_event, value) => setSearchText(value)}
              onSearch={(_event, value) => setQuery((current) => ({ ...current, search: value.trim(), first: 0 }))}
              onClear={() => {
                setSearchText("");
                setQuery((current) => ({ ...current, search: "", first: 0 }));
              }}
            />
          </ToolbarItem>
          <ToolbarItem variant="pagination" align={{ default: "alignRight" }}>
            <Pagination
              isCompact
              perPage={query.max}
              page={Math.floor(query.first / query.max) + 1}
              itemCount={query.first + (page?.users.length ?? 0) + (page?.hasMore ? 1 : 0)}
              toggleTemplate={({ firstIndex, lastIndex }) => (
                <b>
                  {firstIndex} - {lastIndex}
                </b>
              )}
              onSetPage={(_event, newPage) => setQuery((current) => ({ ...current, first: (newPage - 1) * current.max }))}
              onPerPageSelect={(_event, perPage) => setQuery((current) => ({ ...current, max: perPage, first: 0 }))}
            />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {!page ? (
        <Spinner size="lg" aria-label={t("akLoading")} />
      ) : page.users.length === 0 ? (
        <EmptyState variant="sm">
          <EmptyStateHeader titleText={t("akNoUsersFound")} headingLevel="h3" icon={<EmptyStateIcon icon={SearchIcon} />} />
          <EmptyStateBody>{t("akNoUsersFoundBody")}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table aria-label={t("akTabUsers")} variant="compact" data-testid="users-table">
          <Thead>
            <Tr>
              <Th>{t("username")}</Th>
              <Th>{t("email")}</Th>
              <Th>{t("akName")}</Th>
              <Th screenReaderText={t("akActions")} />
            </Tr>
          </Thead>
          <Tbody>
            {page.users.map((user) => (
              <Tr key={user.id} data-testid={`user-row-${user.username}`}>
                <Td dataLabel={t("username")}>
                  <Link to={toUserAccessKeys(realm, user.id!)} data-testid={`user-link-${user.username}`}>
                    {user.username}
                  </Link>
                </Td>
                <Td dataLabel={t("email")}>{user.email}</Td>
                <Td dataLabel={t("akName")}>{[user.firstName, user.lastName].filter(Boolean).join(" ")}</Td>
                <Td isActionCell>
                  <Button variant="link" isInline component={(props) => <Link {...props} to={toUserDetails(realm, user.id!)} />}>
                    {t("akUserDetails")}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </PageSection>
  );
};
