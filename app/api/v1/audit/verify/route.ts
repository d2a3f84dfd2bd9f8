// Verifies the org's audit hash chain and reports the first broken entry; 200 either way, `ok` tells.
import { verifyAuditChain } from "@/lib/audit/verify.ts";
import { deriveKey } from "@/lib/crypto/keys.ts";
import { env } from "@/lib/env.ts";
import { route } from "@/lib/http/route.ts";

export const GET = route({ permission: "audit:read" }, async ({ principal, db }) =>
  verifyAuditChain(db, principal.orgId, deriveKey(env().SECURENET_ENCRYPTION_KEY, "audit-checkpoint")),
);
