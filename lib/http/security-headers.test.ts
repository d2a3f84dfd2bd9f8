import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { useTestEnv } from "@/lib/testing/env.ts";
import type { NextConfig } from "next";
import { config as proxyConfig, proxy } from "@/proxy.ts";
import { API_POLICY } from "./security-headers.ts";

function directives(csp: string | null): Map<string, string[]> {
  return new Map(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

const call = (url: string) => proxy(new NextRequest(url));

describe("security headers set by the proxy on every page and API answer", () => {
  afterAll(() => useTestEnv());

  it("gives pages a nonce-based script policy, fresh each request, and hands the nonce to the render", () => {
    useTestEnv({ SECURENET_URL: "http://localhost:3000" });
    const response = call("http://localhost:3000/alerts");
    const csp = directives(response.headers.get("content-security-policy"));
    const scripts = csp.get("script-src")!;
    const nonce = scripts.find((s) => s.startsWith("'nonce-"));
    expect(nonce).toMatch(/^'nonce-[A-Za-z0-9+/]{22,}={0,2}'$/);
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(csp.get("connect-src")).toContain("'self'");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    // Next reads the nonce from the request's CSP header when it renders the page.
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(
      response.headers.get("content-security-policy"),
    );
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce!.slice(7, -1));
    expect(
      directives(call("http://localhost:3000/alerts").headers.get("content-security-policy")).get("script-src"),
    ).not.toEqual(scripts);
  });

  it("in production allows no eval; outside production React's dev tooling needs it", () => {
    useTestEnv({ NODE_ENV: "production", SECURENET_URL: "http://localhost:3000" });
    expect(
      directives(call("http://localhost:3000/").headers.get("content-security-policy")).get("script-src"),
    ).not.toContain("'unsafe-eval'");
    useTestEnv({ NODE_ENV: "development", SECURENET_URL: "http://localhost:3000" });
    expect(
      directives(call("http://localhost:3000/").headers.get("content-security-policy")).get("script-src"),
    ).toContain("'unsafe-eval'");
  });

  it("gives answers that are not documents (/metrics) a policy that allows nothing, and the same other headers", () => {
    useTestEnv({ SECURENET_URL: "http://localhost:3000" });
    const response = call("http://localhost:3000/metrics");
    expect(directives(response.headers.get("content-security-policy")).get("default-src")).toEqual(["'none'"]);
    expect(directives(response.headers.get("content-security-policy")).get("frame-ancestors")).toEqual(["'none'"]);
    for (const r of [response, call("http://localhost:3000/")]) {
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("x-frame-options")).toBe("DENY");
      expect(r.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(r.headers.get("permissions-policy")).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
      expect(r.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("sends HSTS, and upgrades insecure requests, only when the public URL is https", () => {
    useTestEnv({ SECURENET_URL: "https://soc.example" });
    for (const path of ["/", "/metrics"]) {
      expect(call(`https://soc.example${path}`).headers.get("strict-transport-security"), path).toBe(
        "max-age=31536000; includeSubDomains",
      );
    }
    expect(
      directives(call("https://soc.example/").headers.get("content-security-policy")).has("upgrade-insecure-requests"),
    ).toBe(true);
    useTestEnv({ SECURENET_URL: "http://soc.example" });
    expect(
      directives(call("http://soc.example/").headers.get("content-security-policy")).has("upgrade-insecure-requests"),
    ).toBe(false);
  });

  it("leaves /api and the build output to next.config.js, which gives /api the same policy", async () => {
    const matcher = new RegExp(`^${proxyConfig.matcher[0]!.replace("/(", "/(?:")}$`);
    expect(matcher.test("/alerts")).toBe(true);
    expect(matcher.test("/")).toBe(true);
    expect(matcher.test("/api/v1/events")).toBe(false);
    expect(matcher.test("/_next/static/chunks/a.js")).toBe(false);
    // @ts-expect-error -- next.config.js is plain JavaScript (typed by its JSDoc, not a declaration file)
    const nextConfig = (await import("@/next.config.js")).default as NextConfig;
    const rules = await nextConfig.headers!();
    const api = rules.find((r) => r.source === "/api/:path*")!.headers;
    expect(api.find((h) => h.key === "Content-Security-Policy")?.value).toBe(API_POLICY.join("; "));
    for (const key of ["X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy"])
      expect(
        api.some((h) => h.key === key),
        key,
      ).toBe(true);
  });
});
