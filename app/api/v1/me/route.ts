// The signed-in principal: who I am, my roles and effective permissions.
import { route } from "@/lib/http/route.ts";

export const GET = route({ authenticated: true }, async ({ principal }) => ({
  id: principal!.id,
  email: principal!.email,
  name: principal!.name,
  orgId: principal!.orgId,
  roles: principal!.roles,
  permissions: principal!.permissions,
}));
