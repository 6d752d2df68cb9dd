// A small client for the extension's JSON + CSV API, with the console's own bearer token.
import { parseCredentialsCsv } from "./csv";
import type { IssuedCredentials } from "./types";

export type TokenSupplier = () => Promise<string | undefined>;

/** An error answer of the API: {"error", "error_description"} with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(description || code || `HTTP ${status}`);
    this.name = "ApiError";
  }
}

/**
 * Operation protection (RFC 9470): 401 with
 * `WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=N`.
 */
export class StepUpRequired extends ApiError {
  constructor(
    description: string,
    readonly maxAge: number | undefined,
  ) {
    super(401, "insufficient_user_authentication", description);
    this.name = "StepUpRequired";
  }
}

/** The network or the server failed before an API answer arrived. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "NetworkError";
  }
}

export type CsvAnswer = { csv: string; filename: string; credentials: IssuedCredentials };

type RequestOptions = {
  body?: unknown;
  accept?: string;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
};

const stepUpChallenge = /error="?insufficient_user_authentication"?/i;

export function parseMaxAge(wwwAuthenticate: string | null): number | undefined {
  const match = wwwAuthenticate?.match(/max_age="?(\d+)"?/i);
  return match ? Number(match[1]) : undefined;
}

export class AccessKeysApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: TokenSupplier,
  ) {}

  private async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { Accept: options.accept ?? "application/json" };
    const token = await this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers["Content-Type"] = "application/json";

    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") throw error;
      throw new NetworkError(error);
    }
    if (!response.ok) throw await toError(response);
    return response;
  }

  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.request(method, path, options);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A request answered with credentials.csv (`Accept: text/csv`): the server's file and its parsed row. */
  async csv(method: string, path: string, options: RequestOptions = {}): Promise<CsvAnswer> {
    const response = await this.request(method, path, { ...options, accept: "text/csv, application/json;q=0.5" });
    const csv = await response.text();
    const disposition = response.headers.get("Content-Disposition") ?? "";
    const filename = disposition.match(/filename="?([^";]+)"?/i)?.[1] ?? "credentials.csv";
    return { csv, filename, credentials: parseCredentialsCsv(csv) };
  }
}

async function toError(response: Response): Promise<ApiError> {
  let code = "";
  let description = "";
  try {
    const body = await response.json();
    code = body?.error ?? "";
    description = body?.error_description ?? body?.errorMessage ?? "";
  } catch {
    // not JSON: keep the status alone
  }
  const challenge = response.headers.get("WWW-Authenticate");
  if (response.status === 401 && (code === "insufficient_user_authentication" || stepUpChallenge.test(challenge ?? ""))) {
    return new StepUpRequired(description, parseMaxAge(challenge));
  }
  return new ApiError(response.status, code, description);
}
