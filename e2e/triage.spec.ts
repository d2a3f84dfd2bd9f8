// Triage: acknowledge with a reason, assign, comment, close as a false positive suppressing
// similar alerts; the same events again raise nothing; every step is in the alert's timeline and
// the audit log. A viewer watches the same alerts live without any triage control, and the API
// refuses the viewer's changes.
import { bruteForce, postEvents, sensorKey, signedInContext, uniqueIp } from "./support/console";
import { expect, test } from "./support/fixtures";

test("an analyst triages an alert to a false positive with a suppression that holds", async ({
  browser,
  adminApi,
  baseURL,
}) => {
  const token = await sensorKey(adminApi);
  const { context, email } = await signedInContext(browser, adminApi, ["analyst"], "triager");
  const ip = uniqueIp();
  const [alert] = (await postEvents(baseURL!, token, bruteForce(ip))).alerts;
  const page = await context.newPage();
  await page.goto(`/alerts/${alert!.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ip);
  await expect(page.getByRole("region", { name: "Score breakdown" })).toContainText("sn-brute-force-ip");

  const triage = page.getByLabel("Triage");
  await triage.getByLabel("Reason").first().fill("checking with the owner of the box");
  await triage.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByTestId("alert-status")).toHaveText("acknowledged");
  await triage.getByLabel("Assignee email").fill(email);
  await triage.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByText(`assigned to ${email}`)).toBeVisible();
  await triage.getByLabel("Comment").fill("it is our vulnerability scanner");
  await triage.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByTestId("alert-timeline")).toContainText("it is our vulnerability scanner");
  await triage.getByLabel("Disposition").selectOption("false_positive");
  await triage.getByLabel("Reason").fill("authorised scanner");
  await triage.getByLabel(/Suppress similar alerts/).check();
  await triage.getByRole("button", { name: "Close alert" }).click();
  await expect(page.getByTestId("alert-status")).toHaveText("false positive");

  const timeline = page.getByTestId("alert-timeline");
  for (const action of ["alert.status_changed", "alert.assigned", "alert.commented", "suppression.created"])
    await expect(timeline.locator(`[data-action="${action}"]`).first()).toBeVisible();
  await expect(timeline).toContainText("acknowledged → false positive");
  await expect(timeline).toContainText("authorised scanner");

  // The same attack again: suppressed, no new alert.
  const again = await postEvents(baseURL!, token, bruteForce(ip));
  expect(again.accepted).toBe(5);
  expect(again.alerts).toEqual([]);
  const list = await adminApi.json<{ items: { id: string }[] }>("GET", `/api/v1/alerts?entity=${ip}`);
  expect(list.items.map((a) => a.id)).toEqual([alert!.id]);

  const audit = await adminApi.json<{ items: { action: string }[] }>(
    "GET",
    `/api/v1/audit?target=${alert!.id}&limit=50`,
  );
  const actions = audit.items.map((e) => e.action);
  for (const action of ["alert.status_changed", "alert.assigned", "alert.commented", "suppression.created"])
    expect(actions).toContain(action);
  await context.close();
});

test("a viewer sees alerts live but cannot triage them, in the UI or through the API", async ({
  browser,
  adminApi,
  baseURL,
}) => {
  const token = await sensorKey(adminApi);
  const { context, api } = await signedInContext(browser, adminApi, ["viewer"], "viewer");
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("[data-feed-status=live]")).toBeVisible();
  const ip = uniqueIp();
  const [alert] = (await postEvents(baseURL!, token, bruteForce(ip))).alerts;
  const row = page.getByTestId("alert-feed").getByRole("link", { name: new RegExp(ip.replaceAll(".", "\\.")) });
  await expect(row).toBeVisible({ timeout: 5_000 });
  await row.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ip);
  await expect(page.getByText("changing it needs the alerts:write permission")).toBeVisible();
  await expect(page.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Close alert" })).toHaveCount(0);

  const refused = await api.fetch(`/api/v1/alerts/${alert!.id}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ status: "acknowledged", reason: "mine now" }),
  });
  expect(refused.status).toBe(403);
  const bulk = await api.fetch("/api/v1/alerts/bulk", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ids: [alert!.id], patch: { comment: "x" } }),
  });
  expect(bulk.status).toBe(403);
  expect((await adminApi.json<{ status: string }>("GET", `/api/v1/alerts/${alert!.id}`)).status).toBe("new");
  await context.close();
});
