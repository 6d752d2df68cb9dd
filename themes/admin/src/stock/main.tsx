// Stock copy: adapted from @keycloak/keycloak-admin-ui 26.7.3, src/main.tsx (not in the package); run by ../main.tsx,
// the entry Keycloak looks up in the manifest.
// Changed: imports the package's styles.css and the stock app's own rules (./index.css); the hash router holds the
// package's routes plus ours (../routes.tsx) under our App, inside the package's KeycloakProvider (the stock
// RootRoute is not exported); i18n is initialised with .then() instead of top-level await.
import "@patternfly/react-core/dist/styles/base.css";
import "@patternfly/patternfly/patternfly-addons.css";
import "@keycloak/keycloak-admin-ui/styles.css";
import "./index.css";

import { KeycloakProvider, routes } from "@keycloak/keycloak-admin-ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createHashRouter, RouterProvider } from "react-router-dom";
import { RouteError } from "@shared/RouteError";
import { App } from "./App";
import { environment } from "./environment";
import { i18n } from "./i18n";
import { accessKeysRoutes } from "../routes";

// Every stock route of the admin console, plus the Access keys pages.
const router = createHashRouter([
  {
    path: "/",
    element: (
      <KeycloakProvider environment={environment}>
        <App />
      </KeycloakProvider>
    ),
    errorElement: <RouteError />,
    children: [...routes, ...accessKeysRoutes],
  },
]);

i18n.init().then(() => {
  createRoot(document.getElementById("app")!).render(
    <StrictMode>
      <RouterProvider router={router} />
    </StrictMode>,
  );
});
