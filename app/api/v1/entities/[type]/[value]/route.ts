// One entity (alerts:read): a source IP, user or host with its risk score now, its history, its
// alerts, its recent events and its events per hour (from the rollups).
import { isIP } from "node:net";
import { z } from "zod";
import { entityProfile, ENTITY_TYPES } from "@/lib/entities/profile.ts";
import { route } from "@/lib/http/route.ts";

const params = z
  .object({
    type: z.enum(ENTITY_TYPES, { error: "must be ip, user or host" }),
    value: z.string().min(1, "must not be empty").max(256, "at most 256 characters"),
  })
  .refine((p) => p.type !== "ip" || isIP(p.value) !== 0, {
    path: ["value"],
    message: "must be an IPv4 or IPv6 address",
  });

export const GET = route({ permission: "alerts:read", params }, async ({ principal, params, db }) =>
  entityProfile(db, principal.orgId, { type: params.type as (typeof ENTITY_TYPES)[number], value: params.value! }),
);
