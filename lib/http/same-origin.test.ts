import { beforeAll, describe, expect, it } from "vitest";
import { useTestEnv } from "@/lib/testing/env.ts";
import { assertSameOrigin } from "./same-origin.ts";

const req = (method: string, headers: Record<string, string>) =>
  new Request("http://console.example/api/v1/x", { method, headers: { host: "console.example", ...headers } });

describe("same-origin check for cookie-authenticated state changes", () => {
  beforeAll(() => useTestEnv());

  it("lets reads through and same-origin writes through", () => {
    expect(() => assertSameOrigin(req("GET", { origin: "https://evil.example" }))).not.toThrow();
    expect(() =>
      assertSameOrigin(req("POST", { origin: "http://console.example", "sec-fetch-site": "same-origin" })),
    ).not.toThrow();
    expect(() => assertSameOrigin(req("DELETE", { "sec-fetch-site": "same-origin" }))).not.toThrow();
  });

  it("refuses cross-site, same-site and header-less writes", () => {
    const cases: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "http://console.example", "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      {},
      { origin: "null" },
    ];
    for (const headers of cases) {
      expect(() => assertSameOrigin(req("POST", headers)), JSON.stringify(headers)).toThrow(
        /Cross-site request refused/,
      );
    }
  });

  it("ignores X-Forwarded-Host unless a proxy is trusted", () => {
    expect(() =>
      assertSameOrigin(req("PATCH", { origin: "https://evil.example", "x-forwarded-host": "evil.example" })),
    ).toThrow();
    useTestEnv({ SECURENET_TRUST_PROXY: "1" });
    expect(() =>
      assertSameOrigin(
        req("PATCH", {
          origin: "https://public.example",
          "x-forwarded-host": "public.example",
          "x-forwarded-proto": "https",
        }),
      ),
    ).not.toThrow();
    useTestEnv();
  });

  it("compares the scheme and port as well as the host", () => {
    for (const origin of ["https://console.example", "http://console.example:8080", "ws://console.example"]) {
      expect(() => assertSameOrigin(req("POST", { origin, "sec-fetch-site": "same-origin" })), origin).toThrow(
        /Cross-site request refused/,
      );
    }
    const https = (headers: Record<string, string>) =>
      new Request("https://console.example/api/v1/x", {
        method: "POST",
        headers: { host: "console.example", ...headers },
      });
    expect(() => assertSameOrigin(https({ origin: "http://console.example" }))).toThrow(/Cross-site request refused/);
    expect(() => assertSameOrigin(https({ origin: "https://console.example" }))).not.toThrow();
  });

  it("checks the Referer's origin when there is no Origin", () => {
    expect(() =>
      assertSameOrigin(req("POST", { referer: "https://console.example/alerts", "sec-fetch-site": "same-origin" })),
    ).toThrow(/Cross-site request refused/);
    expect(() =>
      assertSameOrigin(req("POST", { referer: "http://console.example/alerts", "sec-fetch-site": "same-origin" })),
    ).not.toThrow();
  });

  it("behind a trusted proxy takes the scheme from X-Forwarded-Proto", () => {
    useTestEnv({ SECURENET_TRUST_PROXY: "1" });
    const proxied = { "x-forwarded-host": "public.example", "x-forwarded-proto": "https" };
    expect(() => assertSameOrigin(req("POST", { ...proxied, origin: "https://public.example" }))).not.toThrow();
    expect(() => assertSameOrigin(req("POST", { ...proxied, origin: "http://public.example" }))).toThrow(
      /Cross-site request refused/,
    );
    useTestEnv();
  });
});
