// Detection and response settings: paranoia level, inbound threshold, risk half-life and alert
// threshold (read: rules:read), automatic IP blocking and what blocked addresses get (change:
// settings:write). Audited.
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { detectionSettings, detectionSettingsSchema, updateDetectionSettings } from "@/lib/rules/detection-settings.ts";
import { invalidateRuleset } from "@/lib/rules/ruleset.ts";

export const GET = route({ permission: "rules:read" }, async ({ principal, db }) =>
  detectionSettings(db, principal.orgId),
);

export const PATCH = route(
  { permission: "settings:write", body: detectionSettingsSchema },
  async ({ principal, body, context, db }) => {
    const settings = await updateDetectionSettings(db, body, {
      orgId: principal.orgId,
      actor: actorOf(principal),
      context,
    });
    invalidateRuleset(principal.orgId);
    return settings;
  },
);
