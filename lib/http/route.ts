// The route wrapper every handler uses: authenticate, check one named permission, parse input
// with zod, run the handler, map every error to problem+json. Handlers never try/catch.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { currentPrincipal } from "@/lib/auth/session.ts";
import { logger } from "@/lib/log.ts";
import { assertCan } from "@/lib/rbac/can.ts";
import type { Permission } from "@/lib/rbac/permissions.ts";
import type { Principal } from "@/lib/users/principal.ts";
import { AppError, toProblem } from "./errors.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Who may call: anyone, any signed-in principal, or a principal holding one named permission. */
type Access = { public: true } | { authenticated: true } | { permission: Permission };

interface Context<Q> {
  request: Request;
  principal: Principal | null;
  query: Q;
  params: Record<string, string>;
  requestId: string;
}

type RouteContext = { params: Promise<Record<string, string>> };

export function route<QS extends z.ZodType = z.ZodType<Record<string, never>>>(
  access: Access & { query?: QS },
  handler: (ctx: Context<z.infer<QS>>) => Promise<Response | unknown>,
) {
  return async (request: Request, routeContext?: RouteContext): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    try {
      let principal: Principal | null = null;
      if (!("public" in access)) {
        principal = await currentPrincipal();
        if (!principal) throw new AppError("unauthenticated");
        if ("permission" in access) assertCan(principal, access.permission);
      }
      const search = Object.fromEntries(new URL(request.url).searchParams);
      const query = (access.query ? access.query.parse(search) : {}) as z.infer<QS>;
      const params = (await routeContext?.params) ?? {};
      const result = await handler({ request, principal, query, params, requestId });
      const response = result instanceof Response ? result : Response.json(result);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return problemResponse(error, requestId);
    }
  };
}

export function problemResponse(error: unknown, requestId: string): Response {
  const { problem, headers } = toProblem(error);
  if (problem.status >= 500) logger().error({ err: error, requestId }, "request failed");
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, "x-request-id": requestId, ...headers },
  });
}
