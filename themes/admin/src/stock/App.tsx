// Stock copy: adapted from @keycloak/keycloak-admin-ui 26.7.3, src/App.tsx with src/Banners.tsx and
// src/root/AuthWall.tsx (the package exports App as AdminUi, but with its own PageNav and breadcrumbs).
// Changed: our PageNav (./PageNav.tsx, adds Access keys) and ../Breadcrumbs.tsx on the Access keys pages (the stock
// PageBreadCrumbs elsewhere); our AlertsProvider (shared/alerts.tsx) around the page; the banner and AuthWall are
// inlined because the package does not export them; plain Spinner/Suspense without the stock error boundary
// fallback (ErrorRenderer is exported, ErrorBoundaryFallback is not).
import {
  AdminClientProvider,
  AppContexts,
  ForbiddenSection,
  Header,
  PageBreadCrumbs,
  useAccess,
  useWhoAmI,
} from "@keycloak/keycloak-admin-ui";
import { Banner, Flex, FlexItem, Page, Spinner } from "@patternfly/react-core";
import { ExclamationTriangleIcon } from "@patternfly/react-icons";
import { PropsWithChildren, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useMatches } from "react-router-dom";
import { AlertsProvider } from "@shared/alerts";
import { AccessKeysBreadcrumbs } from "../Breadcrumbs";
import { PageNav } from "./PageNav";

type AccessHandle = { access?: Parameters<ReturnType<typeof useAccess>["hasAccess"]>[0] | Parameters<ReturnType<typeof useAccess>["hasAccess"]> };

/** The stock admin console's frame (masthead, realm navigation with Access keys, breadcrumbs), around the pages. */
export const App = () => {
  const trailingHash = location.href.endsWith("#/");
  useEffect(() => {
    if (trailingHash) history.replaceState(null, "", location.pathname);
  }, [trailingHash]);

  return (
    <AdminClientProvider>
      <AppContexts>
        <AlertsProvider>
          <Flex
            direction={{ default: "column" }}
            flexWrap={{ default: "nowrap" }}
            spaceItems={{ default: "spaceItemsNone" }}
            style={{ height: "100%" }}
          >
            <FlexItem>
              <TemporaryAdminBanner />
            </FlexItem>
            <FlexItem grow={{ default: "grow" }} style={{ minHeight: 0 }}>
              <Page
                header={<Header />}
                isManagedSidebar
                sidebar={<PageNav />}
                breadcrumb={<Breadcrumbs />}
                mainContainerId="kc-main-content-page-container"
              >
                <Suspense fallback={<Spinner />}>
                  <AuthWall>
                    <Outlet />
                  </AuthWall>
                </Suspense>
              </Page>
            </FlexItem>
          </Flex>
        </AlertsProvider>
      </AppContexts>
    </AdminClientProvider>
  );
};

/** Ours on the Access keys pages, the stock ones elsewhere. */
const Breadcrumbs = () => <AccessKeysBreadcrumbs fallback={<PageBreadCrumbs />} />;

/** The stock console's banner for the temporary bootstrap admin. */
const TemporaryAdminBanner = () => {
  const { t } = useTranslation();
  const { whoAmI } = useWhoAmI();
  if (!whoAmI?.temporary) return null;
  return (
    <Banner variant="gold" screenReaderText={t("loggedInAsTempAdminUser")}>
      <ExclamationTriangleIcon className="pf-v5-u-mr-sm" />
      {t("loggedInAsTempAdminUser")}
    </Banner>
  );
};

/** As the stock console: a page whose route needs roles the admin lacks shows "forbidden". */
const AuthWall = ({ children }: PropsWithChildren) => {
  const matches = useMatches();
  const { hasAccess } = useAccess();
  const needed = matches.flatMap(({ handle }) => {
    const access = (handle as AccessHandle | undefined)?.access;
    if (access === undefined) return [];
    return Array.isArray(access) ? access : [access];
  });
  if (!hasAccess(...(needed as Parameters<typeof hasAccess>))) {
    return <ForbiddenSection permissionNeeded={needed as never} />;
  }
  return <>{children}</>;
};
