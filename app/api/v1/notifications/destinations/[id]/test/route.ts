// Send a test message to a webhook destination now (settings:write) and report what it answered.
import { env } from "@/lib/env.ts";
import { AppError } from "@/lib/http/errors.ts";
import { route } from "@/lib/http/route.ts";
import { sendTest } from "@/lib/notifications/delivery.ts";
import { idParams } from "@/lib/validation/params.ts";

export const POST = route({ permission: "settings:write", params: idParams }, async ({ principal, params, db }) => {
  const result = await sendTest(db, principal.orgId, params.id!, env().publicUrl);
  if (!result) throw new AppError("not_found", "No such destination.");
  return result;
});
