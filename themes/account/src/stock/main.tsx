// Stock copy: adapted from @keycloak/keycloak-account-ui 26.7.3, src/main.tsx (not in the package); run by
// ../main.tsx, the entry Keycloak looks up in the manifest.
// Changed: also imports the package's own stylesheet (@account-ui-styles, see vite.shared.mjs); a browser router
// over ../routes.tsx (the stock routes plus My Credentials) inside the package's KeycloakProvider; i18n is
// initialised with .then() instead of top-level await.
import "@patternfly/react-core/dist/styles/base.css";
import "@patternfly/patternfly/patternfly-addons.css";
import "@account-ui-styles";

import { KeycloakProvider } from "@keycloak/keycloak-account-ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { environment } from "./environment";
import { i18n } from "./i18n";
import { rootRoute } from "../routes";

const router = createBrowserRouter([rootRoute]);

i18n.init().then(() => {
  createRoot(document.getElementById("app")!).render(
    <StrictMode>
      <KeycloakProvider environment={environment}>
        <RouterProvider router={router} />
      </KeycloakProvider>
    </StrictMode>,
  );
});
