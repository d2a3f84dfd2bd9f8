// The signed-in principal: who I am, my roles and effective permissions, and setup steps left.
import { route } from "@/lib/http/route.ts";

export const GET = route({ authenticated: true }, async ({ principal }) => ({
  id: principal.id,
  email: principal.email,
  name: principal.name,
  orgId: principal.orgId,
  roles: principal.roles,
  permissions: principal.permissions,
  mfaEnabled: principal.mfaEnabled,
  setup: principal.setup,
}));
