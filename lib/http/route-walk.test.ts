// Deny by default: every route handler of the app is either explicitly public or guarded, and
// every console page checks the signed-in principal on the server.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import { routeInventory } from "./route-inventory.ts";

const root = path.resolve(import.meta.dirname, "../..");
const appDir = path.join(root, "app");

/** The only routes anyone may call; adding one here is a deliberate, reviewed decision. */
const PUBLIC_ROUTES = [
  "GET /api/v1/openapi.json",
  "GET /api/health",
  "GET /api/ready",
  "GET /api/auth/[...nextauth]",
  "POST /api/auth/[...nextauth]",
];
/** Pages reachable signed out (they redirect signed-in users onwards themselves). */
const PUBLIC_PAGES = ["(auth)/sign-in/page.tsx", "(auth)/setup/page.tsx"];

function pages(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? pages(full) : e.name === "page.tsx" ? [full] : [];
  });
}

describe("route walk", () => {
  it("finds every handler of the app guarded by a named permission, signed-in only, or explicitly public", async () => {
    const handlers = await routeInventory(appDir);
    expect(handlers.length).toBeGreaterThan(20);
    expect(handlers.filter((h) => h.access === "unguarded")).toEqual([]);
    const publics = handlers.filter((h) => h.access === "public").map((h) => `${h.method} ${h.path}`);
    expect(publics.sort()).toEqual([...PUBLIC_ROUTES].sort());
    for (const h of handlers.filter((h) => h.access.startsWith("permission:"))) {
      expect(PERMISSIONS).toContain(h.access.slice("permission:".length));
    }
    // Signed-in-only routes act for the person themselves: their own account, their own principal.
    expect(
      handlers
        .filter((h) => h.access === "authenticated")
        .every((h) => h.path.startsWith("/api/v1/account") || h.path === "/api/v1/me"),
    ).toBe(true);
  });

  it("fails when an unguarded route is added", async () => {
    const handlers = await routeInventory(path.join(import.meta.dirname, "__fixtures__/app"));
    expect(handlers.map(({ path, method, access }) => ({ path, method, access }))).toEqual([
      { path: "/api/forgotten", method: "GET", access: "unguarded" },
      { path: "/api/guarded", method: "GET", access: "permission:alerts:read" },
    ]);
  });

  it("finds every console page checking the principal on the server before rendering", () => {
    const all = pages(appDir).map((p) => path.relative(appDir, p));
    expect(all.length).toBeGreaterThan(8);
    for (const page of all.filter((p) => !PUBLIC_PAGES.includes(p))) {
      const source = fs.readFileSync(path.join(appDir, page), "utf8");
      expect(source, page).toMatch(/await requirePrincipal\(\)/);
      // Admin pages also name the permission they need.
      if (page.startsWith("(console)/admin/")) expect(source, page).toMatch(/can\(principal, "[a-z]+:[a-z]+"\)/);
    }
  });
});
