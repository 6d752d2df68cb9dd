import type { TFunction } from "i18next";
import { ApiError, NetworkError, StepUpRequired } from "./api";

/** An API failure in words a user understands (the message keys are in both consoles' bundles). */
export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof StepUpRequired) return t("akErrorStepUp");
  if (error instanceof ApiError) {
    switch (error.code) {
      case "AccessKeyQuotaExceeded":
        return t("akErrorQuota");
      case "LocalUserRequired":
        return t("akErrorLocalUserRequired");
      case "FederatedUserRequired":
        return t("akErrorFederatedUserRequired");
      case "InvalidDuration":
        return t("akErrorInvalidDuration");
      case "NoSuchAccessKey":
        return t("akErrorNoSuchKey");
    }
    if (error.status === 401) return t("akErrorUnauthorized");
    if (error.status === 403) return t("akErrorForbidden");
    if (error.status === 404) return t("akErrorNotFound");
    return t("akErrorGeneric", { detail: error.description || error.code || `HTTP ${error.status}` });
  }
  if (error instanceof NetworkError) return t("akErrorNetwork");
  return t("akErrorGeneric", { detail: error instanceof Error ? error.message : String(error) });
}
