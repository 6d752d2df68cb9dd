// Where the Access keys pages live in the admin console's hash router.
export type AccessKeysTab = "inventory" | "users" | "settings";

const realmPath = (realm: string) => `/${encodeURIComponent(realm)}`;

export const toAccessKeys = (realm: string, tab: AccessKeysTab = "inventory") =>
  `${realmPath(realm)}/access-keys${tab === "inventory" ? "" : `/${tab}`}`;

export const toUserAccessKeys = (realm: string, userId: string) =>
  `${realmPath(realm)}/access-keys/users/${encodeURIComponent(userId)}`;

/** The stock user details page. */
export const toUserDetails = (realm: string, userId: string) =>
  `${realmPath(realm)}/users/${encodeURIComponent(userId)}/settings`;
