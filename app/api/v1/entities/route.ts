// The riskiest entities now (alerts:read): ?type=ip|user|host, decayed risk, highest first.
import { z } from "zod";
import { ENTITY_TYPES } from "@/lib/entities/profile.ts";
import { topRiskyEntities } from "@/lib/entities/risk.ts";
import { route } from "@/lib/http/route.ts";
import { detectionSettings } from "@/lib/rules/detection-settings.ts";

const query = z.object({
  type: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(ENTITY_TYPES, { error: "must be ip, user or host" }).default("ip"),
  ),
});

export const GET = route({ permission: "alerts:read", query }, async ({ principal, query, db }) => {
  const settings = await detectionSettings(db, principal.orgId);
  return { items: await topRiskyEntities(db, principal.orgId, query.type, settings.riskHalfLifeMinutes, 50) };
});
