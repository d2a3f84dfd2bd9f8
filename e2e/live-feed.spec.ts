// The live feed: an alert appears within two seconds of a sensor's POST; a browser that goes
// offline for ten seconds while fifty alerts are raised has all fifty afterwards, none twice.
import { bruteForce, postEvents, sensorKey, signedInContext, uniqueIp } from "./support/console";
import { expect, test } from "./support/fixtures";

test("an analyst sees new alerts live and misses none across a network drop", async ({
  browser,
  adminApi,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const token = await sensorKey(adminApi);
  const { context } = await signedInContext(browser, adminApi, ["analyst"], "watcher");
  const page = await context.newPage();
  await page.goto("/");
  const feed = page.getByTestId("alert-feed");
  await expect(page.locator("[data-feed-status=live]")).toBeVisible();
  await expect(feed).toHaveAttribute("data-count", /\d+/);

  const ip = uniqueIp();
  // The moment the row enters the DOM, by the page's own clock: Playwright's polling shares the
  // busy CPU with the servers and the browser, and would add its own latency to the measurement.
  await page.evaluate((address) => {
    const shown = () =>
      [...document.querySelectorAll("[data-testid=alert-feed] a")].some((a) => a.textContent?.includes(address));
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      document.body.dataset.shownAt = String(Date.now());
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, ip);
  const started = Date.now();
  const answer = await postEvents(baseURL!, token, bruteForce(ip));
  expect(answer.alerts).toHaveLength(1);
  await expect(page.locator("body[data-shown-at]")).toBeAttached({ timeout: 10_000 });
  expect(Number(await page.locator("body").getAttribute("data-shown-at")) - started).toBeLessThan(2_000);
  await page.waitForTimeout(500);
  const before = Number(await feed.getAttribute("data-count"));

  await context.setOffline(true);
  await expect(page.locator("[data-feed-status=offline]")).toBeVisible({ timeout: 5_000 });
  const ips = Array.from({ length: 50 }, () => uniqueIp());
  const burst = await postEvents(
    baseURL!,
    token,
    ips.flatMap((address) => bruteForce(address)),
  );
  expect(burst.alerts).toHaveLength(50);
  await page.waitForTimeout(10_000);
  expect(Number(await feed.getAttribute("data-count"))).toBe(before);
  await context.setOffline(false);

  await expect(page.locator("[data-feed-status=live]")).toBeVisible({ timeout: 15_000 });
  await expect(feed).toHaveAttribute("data-count", String(before + 50), { timeout: 10_000 });
  // The newest rows are the burst's (the feed is virtualized: only what is on screen is rendered).
  const top = (await feed.getByRole("link").first().textContent()) ?? "";
  expect(ips.some((address) => top.includes(address))).toBe(true);
  await page.waitForTimeout(1_000);
  await expect(feed).toHaveAttribute("data-count", String(before + 50));
  await context.close();
});
