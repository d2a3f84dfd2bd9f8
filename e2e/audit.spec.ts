import { randomBytes } from "node:crypto";
import { expect, signIn, test } from "./support/fixtures";

test("an admin finds failed sign-ins in the audit log, opens one, exports them and verifies the chain", async ({
  page,
  adminPage,
  admin,
}) => {
  // Failed sign-ins of an address no other test uses, so its entries can be counted exactly even
  // when other tests (or the other server on the same database) write entries meanwhile.
  const stranger = `audit-e2e-${randomBytes(4).toString("hex")}@example.test`;
  for (let attempt = 0; attempt < 2; attempt++) {
    await signIn(page, stranger, "not-the-password-123");
    await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toBeVisible();
  }

  await adminPage.goto("/");
  await expect(adminPage.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await adminPage
    .getByRole("navigation", { name: "Primary" })
    .getByRole("link", { name: "Admin", exact: true })
    .click();
  await adminPage.getByRole("link", { name: /^Audit log/ }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();

  // Filter to failed sign-ins: the selects apply at once and the filters land in the URL.
  await adminPage.getByLabel("Action").selectOption("auth.login.failed");
  await expect(adminPage).toHaveURL(/action=auth\.login\.failed/);
  await adminPage.getByLabel("Outcome").selectOption("failure");
  await expect(adminPage).toHaveURL(/outcome=failure/);
  const rows = adminPage.locator("tbody tr");
  await expect(rows.filter({ hasText: stranger })).toHaveCount(2);
  await expect(rows.filter({ hasNotText: "auth.login.failed" })).toHaveCount(0);
  await expect(rows.filter({ hasNotText: "failure" })).toHaveCount(0);

  // Narrowed to the one actor, the link is shareable: a reload shows the same filters and entries.
  await adminPage.getByLabel("Actor").fill(stranger);
  await adminPage.getByRole("button", { name: "Apply" }).click();
  await expect(adminPage).toHaveURL(new RegExp(`actor=${encodeURIComponent(stranger).replace(/\./g, "\\.")}`));
  await adminPage.reload();
  await expect(adminPage.getByLabel("Actor")).toHaveValue(stranger);
  await expect(adminPage.getByLabel("Action")).toHaveValue("auth.login.failed");
  await expect(rows).toHaveCount(2);
  await expect(adminPage.getByText("Showing 2 entries, all that match.")).toBeVisible();

  // The detail drawer opens from the keyboard and shows every field, the detail and the hashes.
  await rows.first().getByRole("button").focus();
  await adminPage.keyboard.press("Enter");
  const dialog = adminPage.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { name: /Audit entry #\d+/ })).toBeVisible();
  await expect(dialog).toContainText("auth.login.failed");
  await expect(dialog).toContainText(stranger);
  await expect(dialog).toContainText('"reason": "unknown_user"');
  await expect(dialog.getByText(/^[0-9a-f]{64}$/)).toHaveCount(2);
  await adminPage.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // The export link carries the current filters; the download has both entries and is audited.
  const csvLink = adminPage.getByRole("link", { name: "Export CSV" });
  const href = (await csvLink.getAttribute("href"))!;
  expect(href).toMatch(/^\/api\/v1\/audit\/export\?/);
  expect(Object.fromEntries(new URL(href, adminPage.url()).searchParams)).toMatchObject({
    actor: stranger,
    action: "auth.login.failed",
    outcome: "failure",
    format: "csv",
  });
  const csv = await adminPage.request.get(href);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="securenet-audit-\d{8}T\d{6}Z\.csv"$/);
  const lines = (await csv.text()).trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^seq,at,actorType,actorId,actorLabel,action,outcome,/);
  expect(lines.slice(1)).toHaveLength(2);
  const exported = await adminPage.request.get(
    `/api/v1/audit?action=audit.exported&actor=${encodeURIComponent(admin.email)}&limit=1`,
  );
  expect((await exported.json()).items[0]).toMatchObject({
    action: "audit.exported",
    detail: { format: "csv", filters: { actor: stranger, action: ["auth.login.failed"], outcome: "failure" } },
  });

  // The chain verifies.
  await adminPage.getByRole("button", { name: "Verify chain" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Chain" })).toContainText(
    /Chain intact: [\d,]+ entries verified/,
  );
});

test("the audit API answers bad filters with field paths and requires a session", async ({ page, adminPage }) => {
  expect((await page.request.get("/api/v1/audit")).status()).toBe(401);
  const bad = await adminPage.request.get("/api/v1/audit?action=nope&limit=0&since=yesterday");
  expect(bad.status()).toBe(400);
  expect(bad.headers()["content-type"]).toContain("application/problem+json");
  const problem = await bad.json();
  expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(["action", "limit", "since"]);
});
