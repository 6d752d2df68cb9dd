import { Alert, PageSection } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router-dom";

/** The router's error element of both consoles: what went wrong, in the page. */
export const RouteError = () => {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <PageSection>
      <Alert variant="danger" isInline title={t("akErrorGeneric", { detail: error instanceof Error ? error.message : String(error) })} />
    </PageSection>
  );
};
