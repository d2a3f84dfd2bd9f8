// The dashboard's numbers and series for a window (alerts:read): ?window=1h|24h|7d.
import { z } from "zod";
import { route } from "@/lib/http/route.ts";
import { overview, WINDOWS, type StatsWindow } from "@/lib/stats/overview.ts";

const query = z.object({
  window: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(Object.keys(WINDOWS) as [StatsWindow, ...StatsWindow[]], { error: "must be 1h, 24h or 7d" }).default("24h"),
  ),
});

export const GET = route({ permission: "alerts:read", query }, async ({ principal, query, db }) =>
  overview(db, principal.orgId, query.window),
);
