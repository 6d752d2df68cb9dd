// Stock copy: adapted from @keycloak/keycloak-admin-ui 26.7.3, src/PageNav.tsx (not exported by the package).
// Changed: "Access keys" after Users (shown with view-users); drawn with our PatternFly and useMastheadNavToggle so
// that the masthead toggle opens and closes it; the stock useIsFeatureEnabled, resolveDisplayName and toPage are
// not exported, so useFeature, the display-name lookup and the page-section path are inlined.
import { routes, useAccess, useRealm, useServerInfo } from "@keycloak/keycloak-admin-ui";
import { Label, Nav, NavGroup, PageSidebar, PageSidebarBody } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { useMastheadNavToggle } from "@shared/navToggle";
import { environment } from "./environment";

type AccessType = Parameters<ReturnType<typeof useAccess>["hasAccess"]>[0];

/** A feature of the server that is enabled (the stock navigation hides the pages of disabled ones). */
function useFeature() {
  const { features } = useServerInfo();
  const { hasAccess } = useAccess();
  return (name: string) => {
    const enabled = !!features?.some((feature) => feature.name === name && feature.enabled);
    if (name === "ORGANIZATION") {
      return enabled && hasAccess((({ hasAny }: { hasAny: (...roles: string[]) => boolean }) =>
        hasAny("manage-realm", "query-organizations")) as unknown as AccessType);
    }
    return enabled;
  };
}

/** A navigation item for a stock route, shown when the admin may open it (as the stock navigation does). */
const RouteLink = ({ title, path, id }: { title: string; path: string; id?: string }) => {
  const { t } = useTranslation();
  const { hasAccess } = useAccess();
  const route = routes.find((r) => r.path.replace(/\/:.+?(\?|(?:(?!\/).)*|$)/g, "") === (id || path));
  if (!route) return null;
  const access = route.handle.access;
  const allowed = Array.isArray(access) ? hasAccess(...access) : hasAccess(access);
  if (!allowed) return null;
  return <Item title={t(title)} path={path} />;
};

const Item = ({ title, path }: { title: string; path: string }) => {
  const { realm } = useRealm();
  const id = "nav-item" + path.replace("/", "-");
  return (
    <li>
      <NavLink
        id={id}
        data-testid={id}
        to={`/${encodeURIComponent(realm)}${path}`}
        className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}
      >
        {title}
      </NavLink>
    </li>
  );
};

/** The stock realm navigation, with "Access keys" after Users. */
export const PageNav = () => {
  useMastheadNavToggle();
  const { t } = useTranslation();
  const { hasAccess, hasSomeAccess } = useAccess();
  const { componentTypes } = useServerInfo();
  const { realm, realmRepresentation } = useRealm();
  const isFeatureEnabled = useFeature();

  const showManage = hasSomeAccess("view-realm", "query-groups", "query-users", "query-clients", "query-organizations" as AccessType, "view-events");
  const showConfigure = hasSomeAccess("view-realm", "query-clients", "view-identity-providers");
  const showWorkflows = hasSomeAccess("realm-admin", "admin" as AccessType) && isFeatureEnabled("WORKFLOWS");
  const isMasterRealm = environment.masterRealm === environment.realm;
  const pages = componentTypes?.["org.keycloak.services.ui.extend.UiPageProvider"];
  const displayName = realmRepresentation?.displayName;
  const realmLabel = displayName?.startsWith("${") ? t(displayName.slice(2, -1)) : displayName || realm;

  return (
    <PageSidebar className="keycloak__page_nav__nav">
      <PageSidebarBody>
        <Nav>
          <h2 className="pf-v5-c-nav__section-title" style={{ wordWrap: "break-word" }}>
            <span data-testid="currentRealm">{realmLabel}</span> <Label color="blue">{t("currentRealm")}</Label>
          </h2>
          {isMasterRealm && (
            <NavGroup>
              <RouteLink title="manageRealms" path="/realms" />
            </NavGroup>
          )}
          {showManage && (
            <NavGroup aria-label={t("manage")} title={t("manage")}>
              {isFeatureEnabled("ORGANIZATION") && realmRepresentation?.organizationsEnabled && (
                <RouteLink title="organizations" path="/organizations" />
              )}
              <RouteLink title="clients" path="/clients" />
              <RouteLink title="clientScopes" path="/client-scopes" />
              <RouteLink title="realmRoles" path="/roles" />
              <RouteLink title="users" path="/users" />
              {hasAccess("view-users") && <Item title={t("akNavAccessKeys")} path="/access-keys" />}
              <RouteLink title="groups" path="/groups" />
              <RouteLink title="sessions" path="/sessions" />
              <RouteLink title="events" path="/events" />
            </NavGroup>
          )}
          {showConfigure && (
            <NavGroup aria-label={t("configure")} title={t("configure")}>
              <RouteLink title="realmSettings" path="/realm-settings" />
              <RouteLink title="authentication" path="/authentication" />
              {isFeatureEnabled("ADMIN_FINE_GRAINED_AUTHZ_V2") && realmRepresentation?.adminPermissionsEnabled && (
                <RouteLink title="permissions" path="/permissions" />
              )}
              <RouteLink title="identityProviders" path="/identity-providers" />
              <RouteLink title="userFederation" path="/user-federation" />
              {showWorkflows && <RouteLink title="workflows" path="/workflows" />}
              {isFeatureEnabled("DECLARATIVE_UI") &&
                pages?.map((page) => (
                  <RouteLink key={page.id} title={page.id} path={`/page-section/${page.id}`} id="/page-section" />
                ))}
            </NavGroup>
          )}
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
};
