import type { TFunction } from "i18next";
import { lazy } from "react";

const AccessKeysSection = lazy(() => import("./AccessKeysSection"));
const UserAccessKeys = lazy(() => import("./UserAccessKeys"));

// Like the stock routes: the roles a page needs (checked by the AuthWall) and its breadcrumb.
const handle = (breadcrumb: (t: TFunction) => string) => ({ access: "view-users" as const, breadcrumb });

export const accessKeysRoutes = [
  {
    path: "/:realm/access-keys",
    element: <AccessKeysSection />,
    handle: handle((t) => t("akNavAccessKeys")),
  },
  {
    path: "/:realm/access-keys/:tab",
    element: <AccessKeysSection />,
    handle: handle((t) => t("akNavAccessKeys")),
  },
  {
    path: "/:realm/access-keys/users/:userId",
    element: <UserAccessKeys />,
    handle: handle((t) => t("akUserAccessKeys")),
  },
];
