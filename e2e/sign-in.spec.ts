import { expect, signIn, test } from "./support/fixtures";

const NAV = ["Overview", "Alerts", "Incidents", "Entities", "Events", "Rules", "Admin"];

test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("a wrong password and an unknown user get the same answer", async ({ page, admin }) => {
  await signIn(page, admin.email, admin.password + "-wrong");
  const error = page.getByRole("alert").filter({ hasText: "incorrect" });
  await expect(error).toHaveText("Email or password is incorrect.");
  await signIn(page, "nobody@example.test", admin.password);
  await expect(error).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the signed-in admin reaches the console shell and its sections", async ({ adminPage: page, admin }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Primary" });
  for (const item of NAV) await expect(nav.getByRole("link", { name: item, exact: true })).toBeVisible();
  await expect(page.getByText(admin.email)).toBeVisible();

  await nav.getByRole("link", { name: "Alerts", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Alerts", exact: true })).toHaveAttribute("aria-current", "page");
});

test("health and readiness answer, and the API speaks problem+json", async ({ request }) => {
  expect((await request.get("/api/health")).status()).toBe(200);
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ready" });
  const me = await request.get("/api/v1/me");
  expect(me.status()).toBe(401);
  expect(me.headers()["content-type"]).toContain("application/problem+json");
  expect(await me.json()).toMatchObject({ status: 401, title: "Authentication required" });
});

test("a signed-in browser gets its own principal from the API", async ({ adminPage: page, admin }) => {
  const me = await page.request.get("/api/v1/me");
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: admin.email, roles: ["admin"], mfaEnabled: true, setup: [] });
});

test("a state-changing request from another site is refused even with the session cookie", async ({ adminApi }) => {
  const forged = await adminApi.fetch("/api/v1/account/sessions/revoke", {
    method: "POST",
    headers: { "content-type": "application/json", origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    body: JSON.stringify({ others: true }),
  });
  expect(forged.status).toBe(403);
  expect((await forged.json()).detail).toMatch(/Cross-site request refused/);
});
