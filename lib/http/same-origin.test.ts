import { beforeAll, describe, expect, it } from "vitest";
import { useTestEnv } from "@/lib/testing/env.ts";
import { assertSameOrigin } from "./same-origin.ts";

const req = (method: string, headers: Record<string, string>) => new Request("http://console.example/api/v1/x", { method, headers: { host: "console.example", ...headers } });

describe("same-origin check for cookie-authenticated state changes", () => {
  beforeAll(() => useTestEnv());

  it("lets reads through and same-origin writes through", () => {
    expect(() => assertSameOrigin(req("GET", { origin: "https://evil.example" }))).not.toThrow();
    expect(() => assertSameOrigin(req("POST", { origin: "http://console.example", "sec-fetch-site": "same-origin" }))).not.toThrow();
    expect(() => assertSameOrigin(req("DELETE", { "sec-fetch-site": "same-origin" }))).not.toThrow();
  });

  it("refuses cross-site, same-site and header-less writes", () => {
    const cases: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "http://console.example", "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, {}, { origin: "null" }];
    for (const headers of cases) {
      expect(() => assertSameOrigin(req("POST", headers)), JSON.stringify(headers)).toThrow(/Cross-site request refused/);
    }
  });

  it("ignores X-Forwarded-Host unless a proxy is trusted", () => {
    expect(() => assertSameOrigin(req("PATCH", { origin: "https://evil.example", "x-forwarded-host": "evil.example" }))).toThrow();
    useTestEnv({ SECURENET_TRUST_PROXY: "1" });
    expect(() => assertSameOrigin(req("PATCH", { origin: "https://public.example", "x-forwarded-host": "public.example" }))).not.toThrow();
    useTestEnv();
  });
});
