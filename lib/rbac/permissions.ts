// The permission catalogue and built-in roles (../shared/CONTRACT.md "Permissions").
export const PERMISSIONS = [
  "events:write",
  "events:read",
  "alerts:read",
  "alerts:write",
  "rules:read",
  "rules:write",
  "users:read",
  "users:write",
  "roles:write",
  "apikeys:read",
  "apikeys:write",
  "audit:read",
  "settings:write",
  "metrics:read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const BUILT_IN_ROLES: Record<string, { description: string; permissions: readonly Permission[] }> = {
  admin: { description: "Full access", permissions: PERMISSIONS },
  analyst: {
    description: "Triage alerts, search events, read rules",
    permissions: ["events:read", "alerts:read", "alerts:write", "rules:read"],
  },
  viewer: { description: "Watch alerts", permissions: ["alerts:read"] },
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
