// The rules page: an admin tries an event in the log test, adds a Sigma rule (a broken one is
// refused with the loader's reason under the text), sees the new rule fire in the log test and
// count real hits from a sensor, switches it off, and deletes it.
import { randomBytes, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { postEvents, sensorKey, uniqueIp } from "./support/console";
import { expect, test } from "./support/fixtures";

function sigmaRule(id: string, title: string, modifier: string, needle: string) {
  return [
    `title: ${title}`,
    `id: ${id}`,
    "logsource:",
    "  category: webserver",
    "detection:",
    "  selection:",
    `    cs-uri-query|${modifier}: ${needle}`,
    "  condition: selection",
    "level: high",
  ].join("\n");
}

async function logTest(page: Page, events: unknown) {
  await page.getByLabel(/^Events \(/).fill(JSON.stringify(events));
  await page.getByRole("button", { name: "Test", exact: true }).click();
  const verdict = page.getByRole("list", { name: "Verdicts" }).getByTestId("verdict").first();
  await expect(verdict).toBeVisible();
  return verdict;
}

test("an admin tests events, adds a Sigma rule that fires and counts hits, switches it off and deletes it", async ({
  adminPage: page,
  adminApi,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const needle = `canary-${randomBytes(4).toString("hex")}`;
  const title = `Canary query ${needle}`;
  const id = randomUUID();
  await page.goto("/rules");
  await expect(page.getByRole("heading", { level: 1, name: "Rules" })).toBeVisible();

  // The log test with a raw sshd line: parsed into ECS fields, scored, nothing stored.
  const ip = uniqueIp();
  const sshd = await logTest(page, [
    { message: `sshd[4242]: Failed password for invalid user oracle from ${ip} port 50022 ssh2` },
  ]);
  await sshd.getByText("Parsed ECS fields").click();
  await expect(sshd.locator("pre")).toContainText(`"ip": "${ip}"`);
  await expect(sshd.locator("pre")).toContainText('"outcome": "failure"');
  const stored = await adminApi.json<{ items: unknown[] }>("GET", `/api/v1/events?sourceIp=${ip}`);
  expect(stored.items).toEqual([]);

  // A SQL injection in the URL: the verdict names the detection, its points and the field.
  const sqli = await logTest(page, {
    url: { original: "/items?id=1%27%20UNION%20SELECT%20password%20FROM%20users--" },
    source: { ip },
  });
  await expect(sqli.getByRole("row").filter({ hasText: "sqli" }).first()).toContainText("url.original");

  // A rule the loader cannot read is refused, with the reason under the text.
  const upload = page.getByLabel("Sigma rule (YAML)");
  await upload.fill(sigmaRule(id, title, "sparkles", needle));
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(upload).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/unsupported modifier "sparkles"/)).toBeVisible();

  await upload.fill(sigmaRule(id, title, "contains", needle));
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Rule ${title} loaded.` })).toBeVisible();
  const table = page.getByRole("table", { name: "Detection rules" });
  await page.getByLabel("Search").fill(needle);
  const row = table.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("custom");
  await expect(row).toContainText("never");

  const probe = { url: { original: `/search?q=${needle}` }, source: { ip } };
  await expect((await logTest(page, probe)).getByRole("row").filter({ hasText: id })).toBeVisible();

  // Three requests from a sensor: three hits on the rule's row.
  const token = await sensorKey(adminApi);
  const answer = await postEvents(
    baseURL!,
    token,
    [1, 2, 3].map((n) => ({ ...probe, url: { original: `/search?q=${needle}&page=${n}` } })),
  );
  expect(answer.accepted).toBe(3);
  await page.reload();
  await page.getByLabel("Search").fill(needle);
  await expect(row.getByRole("cell").nth(6)).toHaveText("3");
  await expect(row).not.toContainText("never");

  // Switched off: the log test no longer fires it, and the switch holds across a reload.
  await row.getByRole("checkbox", { name: `${title} enabled` }).uncheck();
  await expect(row.getByRole("checkbox", { name: `${title} enabled` })).not.toBeChecked();
  await expect((await logTest(page, probe)).getByText("No detection fired.")).toBeVisible();
  await page.reload();
  await page.getByLabel("Search").fill(needle);
  await expect(row.getByRole("checkbox", { name: `${title} enabled` })).not.toBeChecked();

  await row.getByRole("button", { name: title }).click();
  await page.getByRole("button", { name: "Delete uploaded rule" }).click();
  await expect(page.getByText(/^0 of \d+ rules$/)).toBeVisible();
  const rules = await adminApi.json<{ items: { id: string }[] }>("GET", "/api/v1/rules");
  expect(rules.items.map((r) => r.id)).not.toContain(id);
});

test("an admin tunes a threshold rule: the log test follows it, the change holds and is audited", async ({
  adminPage: page,
  adminApi,
}) => {
  const id = "sn-web-scan-404";
  const before = await adminApi.json<{ items: { id: string }[] }>("GET", `/api/v1/audit?target=${id}&limit=50`);
  try {
    await page.goto("/rules");
    await page.getByLabel("Search").fill(id);
    const row = page.getByRole("table", { name: "Detection rules" }).getByRole("row").filter({ hasText: id });
    const threshold = row.getByLabel(/ threshold$/);
    await expect(threshold).toHaveValue("20");
    await threshold.fill("3");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("button", { name: "Save" })).toBeHidden();

    // Three distinct missing paths from one address: the third reaches the new threshold.
    const ip = uniqueIp();
    await page
      .getByLabel(/^Events \(/)
      .fill(
        JSON.stringify(
          ["/admin", "/.git/config", "/backup.zip"].map((p) => ({
            url: { original: p },
            http: { response: { status_code: 404 } },
            source: { ip },
          })),
        ),
      );
    await page.getByRole("button", { name: "Test", exact: true }).click();
    const verdicts = page.getByRole("list", { name: "Verdicts" }).getByTestId("verdict");
    await expect(verdicts).toHaveCount(3);
    await expect(verdicts.nth(2).getByRole("row").filter({ hasText: id })).toBeVisible();
    await expect(verdicts.nth(1)).not.toContainText(id);

    await page.reload();
    await page.getByLabel("Search").fill(id);
    await expect(threshold).toHaveValue("3");
    const after = await adminApi.json<{ items: { id: string; action: string }[] }>(
      "GET",
      `/api/v1/audit?target=${id}&limit=50`,
    );
    expect(after.items.length).toBe(before.items.length + 1);
    expect(after.items[0]!.action).toBe("rule.updated");
  } finally {
    await adminApi.json("PATCH", `/api/v1/rules/${id}`, { threshold: null, windowSeconds: null });
  }
});

test("the alerts list offers rules by title in its rule filter", async ({ adminPage: page }) => {
  await page.goto("/alerts");
  const rule = page.getByRole("search", { name: "Filter alerts" }).getByLabel("Rule");
  await expect(rule).toHaveAttribute("list", /.+/);
  const listId = await rule.getAttribute("list");
  await expect(page.locator(`datalist[id="${listId}"] option[value="sn-brute-force-ip"]`)).toHaveAttribute(
    "label",
    "Brute force: repeated failed logins from one source",
  );
  await rule.fill("sn-brute-force-ip");
  await expect(page).toHaveURL(/[?&]rule=sn-brute-force-ip/);
});
