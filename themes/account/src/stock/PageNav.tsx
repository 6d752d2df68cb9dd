// Stock copy: adapted from @keycloak/keycloak-account-ui 26.7.3, src/root/PageNav.tsx.
// Changed: the package exports PageNav, but drawn with the PatternFly the package bundles, whose Page context the
// masthead toggle of our Page cannot reach; this copy is drawn with our PatternFly and calls useMastheadNavToggle.
// resources/content.json is fetched directly (the stock fetchContentJson is not exported; a failed fetch leaves
// the menu empty instead of throwing). Item markup, data-testids and active-item matching are the stock ones.
// The menu itself, account/public/content.json, is keycloak.v3's content.json with My Credentials added; it stays in
// public/ because Keycloak serves it as resources/content.json (JSON has no room for this note).
import { useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { Nav, NavExpandable, NavItem, NavList, PageSidebar, PageSidebarBody } from "@patternfly/react-core";
import { MouseEvent as ReactMouseEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { matchPath, useHref, useLinkClickHandler, useLocation } from "react-router-dom";
import { useMastheadNavToggle } from "@shared/navToggle";

type Feature = keyof AccountEnvironment["features"];
type MenuItem = { label: string; isVisible?: Feature } & ({ path: string } | { children: MenuItem[] });

/**
 * The account console's navigation as keycloak.v3 draws it from resources/content.json (ours lists
 * My Credentials too), drawn with our PatternFly so that the masthead's toggle opens and closes it.
 */
export const PageNav = () => {
  useMastheadNavToggle();
  const { environment } = useEnvironment<AccountEnvironment>();
  const [menu, setMenu] = useState<MenuItem[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    fetch(`${environment.resourceUrl}/content.json`, { signal: controller.signal })
      .then((response) => response.json())
      .then(setMenu)
      .catch(() => {});
    return () => controller.abort();
  }, [environment.resourceUrl]);

  return (
    <PageSidebar>
      <PageSidebarBody>
        <Nav>
          <NavList>
            {menu.filter((item) => visible(item, environment)).map((item) => (
              <Entry key={item.label} item={item} />
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
};

const visible = (item: MenuItem, environment: AccountEnvironment) => !item.isVisible || !!environment.features[item.isVisible];

const fullPath = (path: string, baseUrl: string) => `${new URL(baseUrl).pathname}${path}`;

function isActive(item: MenuItem, pathname: string, baseUrl: string): boolean {
  return "path" in item
    ? !!matchPath(fullPath(item.path, baseUrl), pathname)
    : item.children.some((child) => isActive(child, pathname, baseUrl));
}

const Entry = ({ item }: { item: MenuItem }) => {
  const { t } = useTranslation();
  const { environment } = useEnvironment<AccountEnvironment>();
  const { pathname } = useLocation();
  const active = isActive(item, pathname, environment.baseUrl);
  if ("path" in item) {
    return (
      <Link path={item.path} isActive={active}>
        {t(item.label)}
      </Link>
    );
  }
  return (
    <NavExpandable data-testid={item.label} title={t(item.label)} isActive={active} isExpanded={active}>
      {item.children.filter((child) => visible(child, environment)).map((child) => (
        <Entry key={child.label} item={child} />
      ))}
    </NavExpandable>
  );
};

const Link = ({ path, isActive, children }: { path: string; isActive: boolean; children: string }) => {
  const { environment } = useEnvironment<AccountEnvironment>();
  const to = fullPath(path, environment.baseUrl) + location.search;
  const href = useHref(to);
  const onClick = useLinkClickHandler(to);
  return (
    <NavItem data-testid={path} to={href} isActive={isActive} onClick={(event) => onClick(event as unknown as ReactMouseEvent<HTMLAnchorElement>)}>
      {children}
    </NavItem>
  );
};
