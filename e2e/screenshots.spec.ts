// Regenerates the README's screenshots (docs/screenshots/) from a real run: simulated traffic
// through the real ingest endpoint, then the overview, alerts, alert, entity and incident pages.
import path from "node:path";
import { TrafficGenerator } from "../lib/simulator/traffic";
import { bruteForce, postEvents, sensorKey, uniqueIp } from "./support/console";
import { expect, test } from "./support/fixtures";

const shot = (name: string) => path.resolve("docs/screenshots", `${name}.png`);

test("screenshots of the console's main pages", async ({ adminPage: page, adminApi, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== "embedded", "one set of screenshots is enough");
  test.setTimeout(120_000);
  const token = await sensorKey(adminApi);
  const traffic = new TrafficGenerator({ seed: 42, attackShare: 0.3, idPrefix: `shot-${Date.now()}` });
  for (let i = 0; i < 12; i++)
    await postEvents(baseURL!, token, traffic.batch(200, new Date(Date.now() - (12 - i) * 4 * 60_000)));
  const ip = uniqueIp();
  const [alert] = (await postEvents(baseURL!, token, [...bruteForce(ip), ...bruteForce(ip, "again")])).alerts;
  await adminApi.json("POST", "/api/v1/incidents", {
    title: `SSH brute force from ${ip}`,
    alertIds: [alert!.id],
    summary: "Repeated root logins from one address; blocked at the edge.",
  });
  await page.setViewportSize({ width: 1440, height: 960 });

  await page.goto("/");
  await expect(page.locator("[data-feed-status=live]")).toBeVisible();
  await expect(page.getByTestId("alert-feed").getByRole("link").first()).toBeVisible();
  await page.waitForTimeout(1_500);
  await page.screenshot({ path: shot("overview"), fullPage: true });

  await page.goto("/alerts?status=new");
  await expect(page.getByRole("table", { name: "Alerts" }).getByRole("row").nth(1)).toBeVisible();
  await page.screenshot({ path: shot("alerts") });

  await page.goto(`/alerts/${alert!.id}`);
  await expect(page.getByRole("region", { name: "Score breakdown" })).toBeVisible();
  await page.screenshot({ path: shot("alert-detail"), fullPage: true });

  await page.goto(`/entities/ip/${ip}`);
  await expect(page.getByTestId("risk-score")).toBeVisible();
  await page.waitForTimeout(500);
  await page.screenshot({ path: shot("entity"), fullPage: true });

  const incidents = await adminApi.json<{ items: { id: string }[] }>("GET", "/api/v1/incidents");
  await page.goto(`/incidents/${incidents.items[0]!.id}`);
  await expect(page.getByRole("region", { name: "Timeline" })).toBeVisible();
  await page.screenshot({ path: shot("incident"), fullPage: true });
});
