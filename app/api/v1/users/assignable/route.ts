// People an alert or incident can be assigned to (alerts:write): enabled users' emails and names.
import { route } from "@/lib/http/route.ts";

export const GET = route({ permission: "alerts:write" }, async ({ principal, db }) => ({
  items: await db.user.findMany({
    where: { orgId: principal.orgId, disabled: false },
    select: { email: true, name: true },
    orderBy: { email: "asc" },
  }),
}));
