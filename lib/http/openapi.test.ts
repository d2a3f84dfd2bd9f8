import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApi } from "./openapi.ts";
import { routeInventory } from "./route-inventory.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("OpenAPI document", () => {
  it("describes every API route and is up to date (npm run openapi)", async () => {
    const built = buildOpenApi(await routeInventory(path.join(root, "app")));
    const committed = JSON.parse(fs.readFileSync(path.join(root, "lib/http/openapi.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(built)));
    expect(Object.keys(built.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/events",
        "/api/v1/score",
        "/api/v1/alerts/{id}",
        "/api/v1/entities/{type}/{value}",
        "/metrics",
      ]),
    );
    expect(built.paths["/api/v1/events"]!.post).toMatchObject({ "x-permission": "events:write" });
  });
});
