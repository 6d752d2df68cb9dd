// Stock copy: adapted from @keycloak/keycloak-account-ui 26.7.3, src/root/Root.tsx (the package does not export Root).
// Changed: the navigation is our redrawn PageNav (./PageNav.tsx, lists My Credentials); the pages sit inside our
// AlertsProvider (shared/alerts.tsx), whose toasts carry the data-testids the browser tests read. The masthead is
// the package's own Header, unchanged.
import { Header } from "@keycloak/keycloak-account-ui";
import { Page, Spinner } from "@patternfly/react-core";
import { Suspense } from "react";
import { Outlet } from "react-router-dom";
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
