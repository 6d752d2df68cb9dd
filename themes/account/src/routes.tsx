import { routes } from "@keycloak/keycloak-account-ui";
import { lazy } from "react";
import type { RouteObject } from "react-router-dom";
import { basePath } from "./stock/environment";
import { RouteError } from "@shared/RouteError";
import { Layout } from "./stock/Layout";

const MyCredentials = lazy(() => import("./MyCredentials"));

/** The path of the page, below the account console's base (part of the UI contract). */
export const MY_CREDENTIALS_PATH = "my-credentials";

/** Every stock page of the account console, plus My Credentials. */
export const rootRoute: RouteObject = {
  path: basePath,
  element: <Layout />,
  errorElement: <RouteError />,
  children: [...routes, { path: MY_CREDENTIALS_PATH, element: <MyCredentials /> }],
};
