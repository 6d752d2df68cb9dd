import { Header } from "@keycloak/keycloak-account-ui";
import { Alert, Page, PageSection, Spinner } from "@patternfly/react-core";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useRouteError } from "react-router-dom";
import { AlertsProvider } from "@shared/alerts";
import { PageNav } from "./PageNav";

/**
 * The account console's frame, as keycloak.v3 draws it: the stock masthead, the navigation of content.json (ours
 * adds My Credentials), the page.
 */
export const Layout = () => (
  <Page header={<Header />} sidebar={<PageNav />} isManagedSidebar>
    <AlertsProvider>
      <Suspense fallback={<Spinner />}>
        <Outlet />
      </Suspense>
    </AlertsProvider>
  </Page>
);

export const RouteError = () => {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <PageSection>
      <Alert variant="danger" isInline title={t("akErrorGeneric", { detail: error instanceof Error ? error.message : String(error) })} />
    </PageSection>
  );
};
