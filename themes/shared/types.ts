// Representations of the extension's HTTP API (DESIGN.md §5).

export type KeyStatus = "ACTIVE" | "INACTIVE";

export type LastUsed = {
  at: string;
  ip?: string | null;
  scheme?: string | null;
  region?: string | null;
  service?: string | null;
};

/** Roles by where they are defined: `{"realm": [...], "clients": {"<clientId>": [...]}}`. */
export type RoleSet = {
  realm?: string[];
  clients?: Record<string, string[]>;
};

export type AccessKey = {
  accessKeyId: string;
  status: KeyStatus;
  description: string | null;
  createdAt: string;
  lastUsed: LastUsed | null;
  /** The roles the key is limited to; null: all roles of the user. */
  roles?: RoleSet | null;
  /** When the realm has a maximum key age: the key stops working then. */
  expiresAt?: string | null;
  /** From 14 days before expiresAt on. */
  rotationDue?: boolean;
  /** Only on the admin inventory and GET /keys/{ak}. */
  userId?: string;
  username?: string;
};

/** GET /realms/{realm}/access-keys/me */
export type Me = {
  username: string;
  federated: boolean;
  identityProvider: string | null;
  canCreatePermanent: boolean;
  canCreateTemporary: boolean;
  quota: number;
  operationProtection: boolean;
  /** The realm's maximum key age; null: keys do not expire. */
  maxKeyAgeDays?: number | null;
  /** Optional: the realm's temporary key durations; the page offers 15 minutes to 24 hours without them. */
  temporaryMinDurationSeconds?: number;
  temporaryMaxDurationSeconds?: number;
  temporaryDefaultDurationSeconds?: number;
};

/** The row of credentials.csv, whichever kind of key it describes. */
export type IssuedCredentials = {
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
  securityToken?: string;
  expiration?: string;
};

/** GET/PUT /admin/realms/{realm}/access-keys/settings */
export type AccessKeySettings = {
  operationProtection: boolean;
  operationProtectionMaxAgeSeconds: number;
  temporaryMinDurationSeconds: number;
  temporaryMaxDurationSeconds: number;
  temporaryDefaultDurationSeconds: number;
  temporaryIdentityProviders: string[];
  allowTemporaryForLocalUsers: boolean;
  allowPermanentForFederatedUsers: boolean;
  /** 1 to 3650, or null (off). */
  maxKeyAgeDays?: number | null;
  /** 1 to 3650, or null (off). */
  retireUnusedKeysAfterDays?: number | null;
};

/** POST .../keys */
export type CreateKeyRequest = { description?: string; roles?: RoleSet };
