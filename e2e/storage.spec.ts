import { expect, test } from "./support/fixtures";

test("an admin sees the events stored per day and sets event retention, refused out of range and audited", async ({
  adminPage,
}) => {
  await adminPage.goto("/admin");
  await adminPage.getByRole("link", { name: /^Event storage/ }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Event storage" })).toBeVisible();

  // Today's partition is made at start: it is listed, newest first.
  const today = new Date().toISOString().slice(0, 10);
  const table = adminPage.getByRole("table", { name: /Events and bytes stored per UTC day/ });
  await expect(table.getByRole("row").filter({ hasText: today })).toBeVisible();
  await expect(adminPage.getByText(/The next run \(.*\) removes/)).toBeVisible();

  const days = adminPage.getByLabel("Keep events for (days)");
  await days.fill("0");
  await adminPage.getByRole("button", { name: "Save" }).click();
  await expect(adminPage.getByText("Enter a whole number of days from 1 to 3650.")).toBeVisible();

  await days.fill("45");
  await adminPage.getByRole("button", { name: "Save" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Saved: events are kept for 45 days." })).toBeVisible();
  await adminPage.reload();
  await expect(adminPage.getByLabel("Keep events for (days)")).toHaveValue("45");

  const audit = await adminPage.request.get("/api/v1/audit?action=settings.updated");
  expect(audit.status()).toBe(200);
  const entries = (await audit.json()).items as { targetId?: string; target?: { id?: string }; detail: unknown }[];
  expect(JSON.stringify(entries)).toContain('"eventRetentionDays"');

  // The API names the field it refuses (a browser's write carries its Origin: the CSRF check).
  const refused = await adminPage.request.patch("/api/v1/settings/retention", {
    data: { eventRetentionDays: 5000 },
    headers: { origin: new URL(adminPage.url()).origin },
  });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).errors).toEqual([{ path: "eventRetentionDays", message: expect.any(String) }]);

  await days.fill("30");
  await adminPage.getByRole("button", { name: "Save" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "30 days" })).toBeVisible();
});
