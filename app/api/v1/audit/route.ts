// The org's audit log, newest first: filters and keyset cursor pagination.
import { listAuditEntries } from "@/lib/audit/query.ts";
import { route } from "@/lib/http/route.ts";
import { auditListQuery } from "@/lib/validation/audit.ts";

export const GET = route({ permission: "audit:read", query: auditListQuery }, async ({ principal, query, db }) =>
  listAuditEntries(db, principal.orgId, query),
);
