// public/ is served by the production server to anyone, signed in or not: the favicon (SVG and
// ICO), the logo and robots.txt, each with its own content type and the security headers. The
// sign-in page links the icons, and the browser loads them under the page's CSP.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";

/** The paths of the brand mark the console draws (components/shell/brand-mark.tsx). */
const markPaths = [
  ...fs
    .readFileSync(path.resolve(import.meta.dirname, "../components/shell/brand-mark.tsx"), "utf8")
    .matchAll(/ d="([^"]+)"/g),
].map((m) => m[1]);

test("the favicon, logo and robots.txt are served without a session, with their types", async ({ request }) => {
  for (const [path, type] of [
    ["/favicon.svg", /^image\/svg\+xml/],
    ["/logo.svg", /^image\/svg\+xml/],
    ["/favicon.ico", /^image\/(x-icon|vnd\.microsoft\.icon)/],
    ["/robots.txt", /^text\/plain/],
  ] as const) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(type);
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
  }
  // A console has nothing for search engines.
  expect(await (await request.get("/robots.txt")).text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
  // The logo and the SVG favicon are the console's own mark.
  expect(markPaths).toHaveLength(2);
  for (const file of ["/logo.svg", "/favicon.svg"]) {
    const svg = await (await request.get(file)).text();
    for (const d of markPaths) expect(svg, file).toContain(`d="${d}"`);
  }
  const ico = await (await request.get("/favicon.ico")).body();
  expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
});

test("the sign-in page links the icons and the browser loads them under the CSP", async ({ page }) => {
  const failed: string[] = [];
  page.on("requestfailed", (r) => failed.push(r.url()));
  const loaded = new Map<string, number>();
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/favicon")) loaded.set(path, r.status());
  });
  await page.goto("/sign-in");
  const icons = await page
    .locator('link[rel="icon"]')
    .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).getAttribute("href")));
  expect(icons).toEqual(expect.arrayContaining(["/favicon.ico", "/favicon.svg"]));
  // The icon's request goes out after load; what it answered is what the tab shows.
  const svg = await page.evaluate(async () => (await fetch("/favicon.svg")).status);
  expect(svg).toBe(200);
  expect(failed.filter((u) => u.includes("/favicon"))).toEqual([]);
  for (const [path, status] of loaded) expect(status, path).toBe(200);
});
