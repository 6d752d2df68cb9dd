import type { LastUsed } from "./types";

/** A date and time in the console's language, e.g. "22 Nov 2026, 10:00". */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(language || undefined, { dateStyle: "medium", timeStyle: "short" }).format(date);
  } catch {
    return date.toLocaleString();
  }
}

/** Where a key was last used: "203.0.113.5 · s3 · eu-west-1" (the parts the server knows). */
export function lastUsedDetails(lastUsed: LastUsed | null | undefined): string {
  if (!lastUsed) return "";
  return [lastUsed.ip, lastUsed.service, lastUsed.region].filter((part) => !!part).join(" · ");
}
