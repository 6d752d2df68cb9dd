import type { TFunction } from "i18next";
import { ApiError, NetworkError, StepUpRequired } from "./api";

type ServerError = {
  /** The HTTP status the server answers the code with. */
  status: number;
  /** The message key (shared/messages, both consoles' bundles); {{detail}} is the server's error_description. */
  message: string;
  /** The answer means the list on screen is out of date: the account console reloads it. */
  staleList?: boolean;
};

/**
 * Every error code of the server's API ({"error", "error_description"}), with its status and message. The signature
 * codes answer signed requests, which the consoles do not send; they are here so that the list stays complete.
 */
export const serverErrors = {
  // Self-service and admin API
  AccessKeyQuotaExceeded: { status: 409, message: "akErrorQuota", staleList: true },
  FederatedUserRequired: { status: 403, message: "akErrorFederatedUserRequired" },
  LocalUserRequired: { status: 403, message: "akErrorLocalUserRequired" },
  InvalidDuration: { status: 400, message: "akErrorInvalidDuration" },
  NoSuchAccessKey: { status: 404, message: "akErrorNoSuchKey", staleList: true },
  InvalidRole: { status: 400, message: "akErrorInvalidRole" },
  // Operation protection (RFC 9470); api.ts turns it into StepUpRequired, which the account console handles first.
  insufficient_user_authentication: { status: 401, message: "akErrorStepUp" },
  MalformedInput: { status: 400, message: "akErrorMalformedInput" },
  ValidationError: { status: 400, message: "akErrorValidationError" },
  NoSuchUser: { status: 404, message: "akErrorNoSuchUser" },
  AccessDenied: { status: 403, message: "akErrorAccessDenied" },
  invalid_token: { status: 401, message: "akErrorBearerInvalidToken" },
  // Signed requests
  MissingAuthenticationToken: { status: 401, message: "akErrorMissingAuthenticationToken" },
  IncompleteSignature: { status: 400, message: "akErrorIncompleteSignature" },
  InvalidAccessKeyId: { status: 401, message: "akErrorInvalidAccessKeyId" },
  AccessKeyInactive: { status: 401, message: "akErrorAccessKeyInactive" },
  AccessKeyExpired: { status: 401, message: "akErrorAccessKeyExpired" },
  SignatureDoesNotMatch: { status: 401, message: "akErrorSignatureDoesNotMatch" },
  RequestTimeTooSkewed: { status: 401, message: "akErrorRequestTimeTooSkewed" },
  InvalidToken: { status: 401, message: "akErrorInvalidToken" },
  ExpiredToken: { status: 401, message: "akErrorExpiredToken" },
} as const satisfies Record<string, ServerError>;

export type ServerErrorCode = keyof typeof serverErrors;

function serverError(error: unknown): ServerError | undefined {
  if (!(error instanceof ApiError) || !Object.hasOwn(serverErrors, error.code)) return undefined;
  return serverErrors[error.code as ServerErrorCode];
}

/** The answer says the list on screen is out of date (the key is gone, or the quota is full after all). */
export function meansStaleList(error: unknown): boolean {
  return !!serverError(error)?.staleList;
}

/** An API failure in words a user understands: by the server's code, else by the HTTP status. */
export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof StepUpRequired) return t("akErrorStepUp");
  if (error instanceof ApiError) {
    const detail = error.description || error.code || `HTTP ${error.status}`;
    const known = serverError(error);
    if (known) return t(known.message, { detail });
    if (error.status === 401) return t("akErrorUnauthorized");
    if (error.status === 403) return t("akErrorForbidden");
    if (error.status === 404) return t("akErrorNotFound");
    return t("akErrorGeneric", { detail });
  }
  if (error instanceof NetworkError) return t("akErrorNetwork");
  return t("akErrorGeneric", { detail: error instanceof Error ? error.message : String(error) });
}
