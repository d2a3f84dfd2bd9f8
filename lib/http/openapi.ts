// The OpenAPI 3.1 description of the HTTP API, built from the routes themselves: every route.ts
// handler with its access rule, its heading comment and its zod schemas (query, params, body).
// scripts/openapi.ts writes it to lib/http/openapi.json; a test fails when that file is stale.
import { z } from "zod";
import type { RouteHandlerInfo } from "./route-inventory.ts";

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<
    string,
    unknown
  > & { properties?: Record<string, unknown>; required?: string[] };

const problem = { $ref: "#/components/responses/Problem" };

function parameters(route: RouteHandlerInfo) {
  const out: Record<string, unknown>[] = [];
  const pathParams = [...route.path.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
  const paramSchema = route.schemas.params ? (jsonSchema(route.schemas.params).properties ?? {}) : {};
  for (const name of pathParams)
    out.push({ name, in: "path", required: true, schema: paramSchema[name] ?? { type: "string" } });
  if (route.schemas.query) {
    const schema = jsonSchema(route.schemas.query);
    for (const [name, property] of Object.entries(schema.properties ?? {}))
      out.push({ name, in: "query", required: (schema.required ?? []).includes(name), schema: property });
  }
  return out;
}

export function buildOpenApi(routes: RouteHandlerInfo[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes.filter((r) => r.path.startsWith("/api/v1") || r.path === "/metrics")) {
    const path = route.path.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}");
    const permission = route.access.startsWith("permission:") ? route.access.slice("permission:".length) : null;
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.description.split(/(?<=[.:])\s/)[0],
      description: `${route.description}${permission ? `\n\nRequires the \`${permission}\` permission.` : route.access === "authenticated" ? "\n\nAny signed-in user, for themselves." : ""}`,
      ...(permission ? { "x-permission": permission } : {}),
      security: route.access === "public" ? [] : [{ bearer: [] }, { session: [] }],
      parameters: parameters(route),
      ...(route.schemas.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: jsonSchema(route.schemas.body) } },
            },
          }
        : {}),
      responses: {
        "200": { description: "Success (201 when created, 202 when accepted, 204 without content)" },
        ...(route.access === "public" ? {} : { "401": problem, "403": problem, "429": problem }),
        "400": problem,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "SecureNet API",
      version: "1",
      description: "The SecureNet HTTP API (../shared/CONTRACT.md). Errors are RFC 9457 problem+json.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key: sn_<prefix>_<secret>" },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The browser session (state changes also need the app's Origin)",
        },
      },
      responses: {
        Problem: {
          description: "An RFC 9457 problem",
          content: {
            "application/problem+json": {
              schema: {
                type: "object",
                properties: {
                  type: { type: "string" },
                  title: { type: "string" },
                  status: { type: "integer" },
                  detail: { type: "string" },
                  errors: {
                    type: "array",
                    items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } },
                  },
                },
              },
            },
          },
        },
      },
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
  };
}
