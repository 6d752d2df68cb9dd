// Operation protection: when the API asks for a more recent authentication (RFC 9470), remember what the user
// was doing (no secrets: only the action and its inputs), send them through Keycloak's login with max_age and
// prompt=login, and repeat the action once when they are back.

const STORAGE_KEY = "access-keys.pending-action";
const STALE_AFTER_MS = 10 * 60 * 1000;

/** The part of keycloak-js used here (the consoles bundle their own copy of it). */
export type LoginCapable = {
  login(options?: { redirectUri?: string; prompt?: "none" | "login" | "consent"; maxAge?: number }): Promise<void>;
};

export type PendingAction = { kind: string; [input: string]: unknown };

type Stored = { action: PendingAction; path: string; savedAt: number };

export async function reauthenticate(keycloak: LoginCapable, maxAge: number | undefined, action: PendingAction): Promise<void> {
  const stored: Stored = { action, path: location.pathname + location.hash, savedAt: Date.now() };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  const redirectUri = location.origin + location.pathname + location.hash;
  await keycloak.login({ redirectUri, prompt: "login", ...(maxAge !== undefined ? { maxAge } : {}) });
}

/** The action to repeat after a re-authentication that came back to this page; removed once taken. */
export function takePendingAction(kinds: string[]): PendingAction | undefined {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) return undefined;
  let stored: Stored;
  try {
    stored = JSON.parse(raw);
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    return undefined;
  }
  if (!kinds.includes(stored.action?.kind)) return undefined;
  sessionStorage.removeItem(STORAGE_KEY);
  const samePage = stored.path === location.pathname + location.hash;
  return samePage && Date.now() - stored.savedAt < STALE_AFTER_MS ? stored.action : undefined;
}
