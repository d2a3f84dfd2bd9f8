// Security headers and the Content-Security-Policy: every page and API answer carries them, and the
// console works under the policy with no violation reported by the browser. Also: a callback URL
// that resolves off-site is not followed, and OPTIONS on a static file is answered, not a 500.
import http from "node:http";
import type { APIResponse, Page } from "@playwright/test";
import { bruteForce, postEvents, sensorKey, uniqueIp } from "./support/console";
import { expect, test } from "./support/fixtures";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  const csp = directives(headers["content-security-policy"] ?? "");
  expect(csp.get("frame-ancestors"), "frame-ancestors").toEqual(["'none'"]);
  expect(csp.get("object-src"), "object-src").toEqual(["'none'"]);
  expect(csp.get("base-uri")?.length, "base-uri").toBe(1);
  const scripts = csp.get("script-src") ?? csp.get("default-src") ?? [];
  expect(scripts.length, "script-src").toBeGreaterThan(0);
  expect(scripts, "no inline scripts without a nonce").not.toContain("'unsafe-inline'");
  expect(scripts, "no eval in production").not.toContain("'unsafe-eval'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toMatch(/camera=\(\)/);
  // The e2e servers' public URL is http://localhost: HSTS is sent only behind https (unit-tested).
  expect(headers["strict-transport-security"]).toBeUndefined();
  return csp;
}

test("pages carry a nonce-based CSP and the other security headers; each page load gets a fresh nonce", async ({
  request,
}) => {
  const first = await request.get("/sign-in");
  expect(first.status()).toBe(200);
  const csp = expectSecurityHeaders(first);
  const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(
    (csp.get("script-src") ?? []).find((v) => v.startsWith("'nonce-")) ?? "",
  )?.[1];
  expect(nonce, "script-src has a nonce").toBeTruthy();
  expect(csp.get("connect-src")).toContain("'self'");
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "every script carries the page's nonce").toContain(`nonce="${nonce}"`);
  const second = directives((await request.get("/sign-in")).headers()["content-security-policy"] ?? "");
  expect(second.get("script-src")).not.toEqual(csp.get("script-src"));
});

test("API answers carry the security headers too, errors and public endpoints included", async ({ request }) => {
  for (const path of ["/api/v1/me", "/api/health", "/api/auth/csrf", "/api/v1/openapi.json"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBeLessThan(500);
    const csp = expectSecurityHeaders(response);
    expect(csp.get("default-src"), path).toEqual(["'none'"]);
  }
});

/** Records CSP violations the browser reports, from before any page script runs. */
async function watchCsp(page: Page) {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text())) consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return {
    /** Shows the watcher can see a violation at all: an image from another origin is refused and reported. */
    async expectToCatchOne() {
      await page.evaluate(() => {
        const img = document.createElement("img");
        img.src = "https://evil.example/probe.png";
        document.body.append(img);
      });
      await expect
        .poll(() =>
          page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.join("\n")),
        )
        .toContain("img-src https://evil.example/probe.png");
      await expect.poll(() => consoleErrors.join("\n")).toMatch(/evil\.example\/probe\.png.*Content Security Policy/);
      consoleErrors.length = 0;
      await page.evaluate(() => void ((window as unknown as { __cspViolations: string[] }).__cspViolations.length = 0));
    },
    async expectNone(where: string) {
      const violations = await page.evaluate(
        () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
      );
      expect(violations, `CSP violations on ${where}`).toEqual([]);
      expect(consoleErrors, `CSP console errors on ${where}`).toEqual([]);
    },
  };
}

test("the console works under the CSP: no violation on the main pages, the live feed connects", async ({
  adminPage: page,
  adminApi,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const token = await sensorKey(adminApi);
  const [alert] = (await postEvents(baseURL!, token, bruteForce(uniqueIp()))).alerts;
  const csp = await watchCsp(page);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.locator("[data-feed-status=live]")).toBeVisible();
  await csp.expectNone("/");
  await csp.expectToCatchOne();

  const pages = [
    "/alerts",
    `/alerts/${alert!.id}`,
    "/incidents",
    "/entities",
    "/events",
    "/rules",
    "/admin/users",
    "/admin/roles",
    "/admin/api-keys",
    "/admin/audit",
    "/admin/notifications",
    "/admin/security",
    "/account",
  ];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first(), path).toBeVisible();
    await page.waitForLoadState("networkidle");
    await csp.expectNone(path);
  }
  // Client-side navigation as well as full loads.
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Alerts", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  await csp.expectNone("client navigation to /alerts");
});

test("a callback URL that resolves off-site is not followed", async ({ adminPage: page, baseURL }) => {
  for (const callbackUrl of [
    "/..//evil.example/",
    "/%2e%2e//evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "https://evil.example/",
  ]) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await expect(page, callbackUrl).toHaveURL(`${baseURL}/`);
  }
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/alerts?status=new")}`);
  await expect(page).toHaveURL(`${baseURL}/alerts?status=new`);
});

test("OPTIONS on a static file is answered (204), other methods get 405, never a 500", async ({ request }) => {
  const html = await (await request.get("/sign-in")).text();
  const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset).toBeTruthy();
  const options = await request.fetch(asset!, { method: "OPTIONS" });
  expect(options.status()).toBe(204);
  expect(options.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
  expect((await request.fetch(asset!, { method: "POST", data: "x" })).status()).toBe(405);
  expect((await request.get(asset!)).status()).toBe(200);
});

/** A POST that announces `declared` bytes and sends one: the answer must not wait for the rest. */
function announce(
  baseURL: string,
  path: string,
  declared: number,
): Promise<{ status: number; body: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(path, baseURL),
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(declared) },
      },
      (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body, ms: Date.now() - started }));
      },
    );
    request.setTimeout(5_000, () => request.destroy(new Error(`no answer within 5 s for ${path}`)));
    request.on("error", reject);
    request.write("x");
  });
}

test("a body announced larger than any route takes is refused at once, before it is sent", async ({ baseURL }) => {
  for (const path of ["/api/auth/callback/credentials", "/api/v1/events", "/api/v1/alerts/bulk"]) {
    const answer = await announce(baseURL!, path, 300 * 1024 * 1024);
    expect(answer.status, path).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 413, title: "Payload too large" });
  }
});

test("the session the browser reads at /api/auth/session names no registry session id", async ({ adminPage: page }) => {
  const session = (await (await page.request.get("/api/auth/session")).json()) as {
    principal?: Record<string, unknown>;
  };
  const ids = (
    (await (await page.request.get("/api/v1/account/sessions")).json()) as {
      sessions: { id: string; current: boolean }[];
    }
  ).sessions;
  expect(session.principal?.email).toBeTruthy();
  expect(session.principal).not.toHaveProperty("sessionId");
  for (const { id } of ids) expect(JSON.stringify(session)).not.toContain(id);
  // Server code still knows which session is this one.
  expect(ids.filter((s) => s.current)).toHaveLength(1);
});
