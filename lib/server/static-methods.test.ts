import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerStaticMethod } from "./static-methods.ts";

/** A real server with the check in front of a stand-in for Next that answers 299. */
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (answerStaticMethod(req, res)) return;
    res.statusCode = 299;
    res.end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("methods other than GET and HEAD on static build output", () => {
  const asset = "/_next/static/chunks/0abc.js";

  it("answers OPTIONS with 204 and the methods allowed", async () => {
    const response = await fetch(base + asset, { method: "OPTIONS" });
    expect(response.status).toBe(204);
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("answers POST, PUT and DELETE with 405", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const response = await fetch(base + asset, { method, body: method === "DELETE" ? undefined : "x" });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    }
  });

  it("leaves GET and HEAD on static files, and every other path, to Next", async () => {
    expect((await fetch(base + asset)).status).toBe(299);
    expect((await fetch(base + asset, { method: "HEAD" })).status).toBe(299);
    expect((await fetch(`${base}/api/v1/alerts`, { method: "OPTIONS" })).status).toBe(299);
    expect((await fetch(`${base}/_next/data/x`, { method: "POST", body: "x" })).status).toBe(299);
  });
});
