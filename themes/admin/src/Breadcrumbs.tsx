import { Breadcrumb, BreadcrumbItem } from "@patternfly/react-core";
import { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, matchPath, useLocation } from "react-router-dom";
import { toAccessKeys } from "./paths";

/** "Access keys › User access keys" on a user's page, like the stock breadcrumbs; elsewhere the stock ones. */
export const AccessKeysBreadcrumbs = ({ fallback }: { fallback: ReactNode }) => {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const user = matchPath("/:realm/access-keys/users/:userId", pathname);
  if (user) {
    return (
      <Breadcrumb data-testid="access-keys-breadcrumb">
        <BreadcrumbItem>
          <Link to={toAccessKeys(user.params.realm!, "users")}>{t("akNavAccessKeys")}</Link>
        </BreadcrumbItem>
        <BreadcrumbItem isActive>{t("akUserAccessKeys")}</BreadcrumbItem>
      </Breadcrumb>
    );
  }
  if (matchPath({ path: "/:realm/access-keys", end: false }, pathname)) return null;
  return <>{fallback}</>;
};
