// Walks an app directory and reports, for every HTTP handler of every route.ts, who may call it.
// A handler not made by route() (or publicHandler()) is "unguarded": the route-walk test fails.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { z } from "zod";
import { ROUTE_ACCESS } from "./route.ts";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface RouteHandlerInfo {
  /** URL path, e.g. /api/v1/users/[id] */
  path: string;
  method: string;
  access: "public" | "authenticated" | `permission:${string}` | "unguarded";
  /** The route file's heading comment. */
  description: string;
  schemas: { query?: z.ZodType; body?: z.ZodType; params?: z.ZodType };
}

function headingComment(source: string): string {
  const lines: string[] = [];
  for (const line of source.split("\n")) {
    if (!line.startsWith("//")) break;
    lines.push(line.replace(/^\/\/\s?/, ""));
  }
  return lines.join(" ").trim();
}

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}

function urlPath(appDir: string, file: string): string {
  const segments = path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

export async function routeInventory(appDir: string): Promise<RouteHandlerInfo[]> {
  const found: RouteHandlerInfo[] = [];
  for (const file of routeFiles(appDir).sort()) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const description = headingComment(fs.readFileSync(file, "utf8"));
    for (const method of METHODS) {
      const handler = mod[method] as
        | {
            [ROUTE_ACCESS]?: {
              public?: true;
              authenticated?: true;
              permission?: string;
              query?: z.ZodType;
              body?: z.ZodType;
              params?: z.ZodType;
            };
          }
        | undefined;
      if (!handler) continue;
      const access = handler[ROUTE_ACCESS];
      found.push({
        path: urlPath(appDir, file),
        method,
        access: access?.public
          ? "public"
          : access?.permission
            ? `permission:${access.permission}`
            : access?.authenticated
              ? "authenticated"
              : "unguarded",
        description,
        schemas: { query: access?.query, body: access?.body, params: access?.params },
      });
    }
  }
  return found;
}
