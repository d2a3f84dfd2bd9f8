import { randomBytes } from "node:crypto";
import { provisionUser, signInWithCode } from "./support/accounts";
import { expect, test } from "./support/fixtures";

test("an admin's custom role changes a user's UI and API access at once, without a redeploy", async ({
  browser,
  adminPage,
  adminApi,
  baseURL,
}) => {
  const account = await provisionUser(adminApi, ["analyst"], "auditor");
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInWithCode(page, account);
  const nav = page.getByRole("navigation", { name: "Primary" });
  await expect(nav.getByRole("link", { name: "Events", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
  expect((await page.request.get("/api/v1/audit")).status()).toBe(403);

  // The admin makes a role that may read alerts and the audit log, and gives it to the user instead of analyst.
  const roleName = `auditor-${randomBytes(3).toString("hex")}`;
  await adminPage.goto("/admin/roles");
  await adminPage.getByLabel("Role name").fill(roleName);
  await adminPage.getByLabel("alerts:read", { exact: true }).check();
  await adminPage.getByLabel("audit:read", { exact: true }).check();
  await adminPage.getByRole("button", { name: "Create role" }).click();
  await expect(adminPage.getByRole("row").filter({ hasText: roleName })).toBeVisible();

  await adminPage.goto("/admin/users");
  await adminPage.getByRole("button", { name: `Edit user ${account.email}` }).click();
  const dialog = adminPage.getByRole("dialog");
  await dialog.getByLabel(roleName, { exact: true }).check();
  await dialog.getByLabel("analyst", { exact: true }).uncheck();
  await dialog.getByRole("button", { name: /^Save/ }).click();
  await expect(dialog).toBeHidden();
  await expect(adminPage.getByRole("row").filter({ hasText: account.email })).toContainText(roleName);

  // The user's very next navigation and request see the new permissions.
  await page.reload();
  await expect(nav.getByRole("link", { name: "Admin", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Events", exact: true })).toHaveCount(0);
  expect((await page.request.get("/api/v1/audit")).status()).toBe(200);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await page.goto("/events");
  await expect(page.getByText("events:read", { exact: true }).first()).toBeVisible();
  await context.close();
});

test("an admin creates an API key, sees it once, a script uses it, and after revoking it fails", async ({
  adminPage,
  baseURL,
}) => {
  const name = `e2e-script-${randomBytes(3).toString("hex")}`;
  await adminPage.goto("/admin/api-keys");
  await adminPage.getByLabel("Key name").fill(name);
  await adminPage.getByLabel("users:read", { exact: true }).check();
  await adminPage.getByRole("button", { name: /^Create/ }).click();
  const shown = adminPage.getByTestId("new-api-key-token");
  await expect(shown).toHaveText(/^sn_[a-z2-7]{10}_[\w-]{43}$/);
  const token = (await shown.textContent())!.trim();

  // A script, outside the browser, with nothing but the key.
  const script = () => fetch(new URL("/api/v1/users", baseURL), { headers: { authorization: `Bearer ${token}` } });
  const ok = await script();
  expect(ok.status).toBe(200);
  expect((await ok.json()).users.length).toBeGreaterThan(0);
  expect(
    (await fetch(new URL("/api/v1/audit", baseURL), { headers: { authorization: `Bearer ${token}` } })).status,
  ).toBe(403);

  // Shown once: after a reload the list has only its prefix.
  await adminPage.reload();
  await expect(adminPage.getByTestId("new-api-key-token")).toHaveCount(0);
  await expect(adminPage.getByText(token)).toHaveCount(0);
  const row = adminPage.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(token.slice(0, 13));

  await adminPage.getByRole("button", { name: `Revoke key ${name}` }).click();
  await adminPage
    .getByRole("dialog")
    .getByRole("button", { name: /^Revoke/ })
    .click();
  await expect(row).toContainText(/revoked/i);
  const after = await script();
  expect(after.status).toBe(401);
  expect(after.headers.get("content-type")).toContain("application/problem+json");
});
