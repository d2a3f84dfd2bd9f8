// The route wrapper every handler uses: authenticate, check one named permission, parse input
// with zod, run the handler, map every error to problem+json. Handlers never try/catch.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { logger } from "@/lib/log.ts";
import { assertCan, can } from "@/lib/rbac/can.ts";
import { GrantRefusedError } from "@/lib/rbac/grants.ts";
import type { Permission } from "@/lib/rbac/permissions.ts";
import type { Principal } from "@/lib/users/principal.ts";
import { audit, type RequestContext } from "@/lib/audit/record.ts";
import { actorOf } from "@/lib/audit/actor.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { processRuntime } from "@/lib/runtime/process-runtime.ts";
import { emitSecurityEvent } from "@/lib/security/events.ts";
import { authenticate } from "./authenticate.ts";
import { AppError, toProblem } from "./errors.ts";
import { readBodyText } from "./read-body.ts";
import { requestContext } from "./request-context.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/**
 * Who may call: anyone (`public`), any signed-in user (`authenticated`: account endpoints; API
 * keys are refused), or a user or API key holding one named permission.
 */
export type Access = { public: true } | { authenticated: true } | { permission: Permission };

/** Marks each handler with its access rule, so a test can walk every route and check it. */
export const ROUTE_ACCESS = Symbol.for("securenet.routeAccess");

/** Who a handler runs for: nobody on a public route, a user or key everywhere else. */
export type PrincipalFor<A> = A extends { public: true } ? null : Principal;

export interface Context<P extends Principal | null, Q, B> {
  request: Request;
  /** The JSON body, parsed with the route's `body` schema. */
  body: B;
  principal: P;
  /** The process's database (the runtime's). */
  db: PrismaClient;
  /** Source IP, user agent and request id, for audit entries. */
  context: RequestContext;
  query: Q;
  params: Record<string, string>;
  requestId: string;
}

declare const successBody: unique symbol;

/**
 * A Response whose JSON body, when `ok`, is a `T`: a type-only mark (errors answer problem+json,
 * so `json()` stays untyped). `BodyOf<typeof GET>` reads it back, for tests and the API docs.
 */
export type TypedResponse<T> = Response & { readonly [successBody]?: T };

/** `Response.json` that keeps the body's type, for handlers that set a status or headers. */
export function json<T>(body: T, init?: ResponseInit): TypedResponse<T> {
  return Response.json(body, init);
}

/** The JSON body a handler answers with: a plain value as is, a TypedResponse's type, else unknown. */
export type ResponseBody<R> = R extends Response ? (R extends TypedResponse<infer T> ? T : unknown) : R;

/** The success body of a route built with route(). */
export type BodyOf<H> = H extends (...args: never[]) => Promise<TypedResponse<infer T>> ? T : never;

type RouteContext = { params: Promise<Record<string, string>> };

export function route<
  A extends Access,
  QS extends z.ZodType = z.ZodType<Record<string, never>>,
  BS extends z.ZodType = z.ZodType<undefined>,
  R = unknown,
>(
  access: A & { query?: QS; body?: BS; params?: z.ZodType<Record<string, string>> },
  handler: (ctx: Context<PrincipalFor<A>, z.infer<QS>, z.infer<BS>>) => Promise<R>,
) {
  const isPublic = Object.hasOwn(access, "public") && (access as { public?: unknown }).public === true;
  const authenticated =
    !isPublic &&
    Object.hasOwn(access, "authenticated") &&
    (access as { authenticated?: unknown }).authenticated === true;
  const permission =
    !isPublic && !authenticated && Object.hasOwn(access, "permission")
      ? (access as { permission: Permission }).permission
      : undefined;
  if (!isPublic && !authenticated && !permission)
    throw new Error("route(): access must be public, authenticated or one permission");
  const handle = async (request: Request, routeContext?: RouteContext): Promise<TypedResponse<ResponseBody<R>>> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const context = requestContext(request.headers, requestId);
    let principal: Principal | null = null;
    try {
      // Own properties only: `"public" in access` also read Object.prototype, which one ingested
      // header once polluted, making every route public (issue 18).
      if (!isPublic) {
        principal = await authenticate(request, context, { sessionOnly: authenticated === true });
        if (permission && principal.setup.length) {
          throw new AppError(
            "forbidden",
            "Finish setting up your account first: change your password and enroll two-factor authentication.",
          );
        }
        if (permission && !can(principal, permission)) {
          await recordDenial(principal, { permission }, request, context);
          assertCan(principal, permission);
        }
      }
      const search = Object.fromEntries(new URL(request.url).searchParams);
      const query = (access.query ? access.query.parse(search) : {}) as z.infer<QS>;
      const body = (access.body ? access.body.parse(await readJson(request)) : undefined) as z.infer<BS>;
      const rawParams = (await routeContext?.params) ?? {};
      const params = access.params ? access.params.parse(rawParams) : rawParams;
      const result = await handler({
        request,
        // Null only on public routes: every other path above authenticated or threw.
        principal: principal as PrincipalFor<A>,
        // Read when used, so public routes that need no database (and their tests) run without one.
        get db() {
          return processRuntime().db.prisma;
        },
        context,
        query,
        body,
        params,
        requestId,
      });
      const response = result instanceof Response ? result : Response.json(result);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      // A refusal under the grant rule (lib/rbac/grants.ts) is a denial like a missing permission.
      if (error instanceof GrantRefusedError && principal) {
        await recordDenial(
          principal,
          { permission: error.missing[0]!, missing: error.missing, refused: error.action },
          request,
          context,
        );
      }
      return problemResponse(error, requestId);
    }
  };
  return Object.assign(handle, {
    [ROUTE_ACCESS]: {
      public: isPublic || undefined,
      authenticated: authenticated || undefined,
      permission,
      query: access.query,
      body: access.body,
      params: access.params,
    },
  });
}

const MAX_JSON_BODY_BYTES = 64 * 1024;

async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request, MAX_JSON_BODY_BYTES);
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.", [
      { path: "(root)", message: "invalid JSON" },
    ]);
  }
}

/** Declares a handler not built with route() (next-auth's own endpoints) as deliberately public. */
export function publicHandler<H extends (...args: never[]) => unknown>(handler: H): H {
  return Object.assign(handler, { [ROUTE_ACCESS]: { public: true } });
}

export function problemResponse(error: unknown, requestId: string): Response {
  const { problem, headers } = toProblem(error);
  if (problem.status >= 500) logger().error({ err: error, requestId }, "request failed");
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, "x-request-id": requestId, ...headers },
  });
}

/**
 * A permission denial is a security event: it is audited (and later scored). `permission` is the
 * one missing (the first, for a grant refused with several; `missing` lists them all).
 */
async function recordDenial(
  principal: Principal,
  denial: { permission: string; missing?: string[]; refused?: string },
  request: Request,
  context: RequestContext,
) {
  const url = new URL(request.url);
  const { permission } = denial;
  await audit(processRuntime().db.prisma, {
    orgId: principal.orgId,
    action: "access.denied",
    outcome: "denied",
    actor: actorOf(principal),
    target: { type: "route", id: `${request.method} ${url.pathname}` },
    detail: denial,
    context,
  });
  emitSecurityEvent({
    kind: "access.denied",
    "@timestamp": new Date().toISOString(),
    orgId: principal.orgId,
    "source.ip": context.sourceIp ?? null,
    "user_agent.original": context.userAgent ?? null,
    "user.name": principal.email,
    permission,
    route: `${request.method} ${url.pathname}`,
  });
}
