// Who is calling: an API key (`Authorization: Bearer sn_…`, rate limited per key) or a browser
// session (cookie, with the same-origin check for state changes). Nothing else authenticates.
import "server-only";
import { authenticateApiKey } from "@/lib/apikeys/authenticate.ts";
import { currentPrincipal } from "@/lib/auth/current-principal.ts";
import { processRuntime } from "@/lib/runtime/process-runtime.ts";
import { env } from "@/lib/env.ts";
import type { RequestContext } from "@/lib/audit/record.ts";
import type { Principal } from "@/lib/users/principal.ts";
import { bearerToken } from "@/lib/apikeys/token.ts";
import { emitSecurityEvent } from "@/lib/security/events.ts";
import { AppError } from "./errors.ts";
import { consumeApiKeyRequest } from "./rate-limit.ts";
import { assertSameOrigin } from "./same-origin.ts";

/** `sessionOnly`: account endpoints, which act for a person and never for a machine. */
export async function authenticate(
  request: Request,
  context: RequestContext,
  options: { sessionOnly: boolean },
): Promise<Principal> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const token = bearerToken(authorization);
    if (!token)
      throw new AppError("unauthenticated", "Unsupported Authorization header: use `Bearer sn_<prefix>_<secret>`.");
    if (options.sessionOnly)
      throw new AppError("unauthenticated", "This endpoint needs a signed-in user, not an API key.");
    const key = await authenticateApiKey(processRuntime().db.prisma, token, context.sourceIp);
    if (!key) {
      emitSecurityEvent({
        kind: "auth.failure",
        reason: "invalid_api_key",
        "@timestamp": new Date().toISOString(),
        orgId: null,
        "source.ip": context.sourceIp ?? null,
        "user_agent.original": context.userAgent ?? null,
        "user.name": token.slice(0, 13),
      });
      throw new AppError("unauthenticated", "The API key is not valid: unknown, revoked or expired.");
    }
    await consumeApiKeyRequest(key.id, key.rateLimitPerMinute ?? env().API_KEY_RATE_LIMIT_PER_MINUTE);
    return key;
  }
  const principal = await currentPrincipal();
  if (!principal) throw new AppError("unauthenticated");
  assertSameOrigin(request);
  return principal;
}
