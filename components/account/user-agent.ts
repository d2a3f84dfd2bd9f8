// A readable "Firefox 128 on Windows" from a User-Agent header. Only what helps someone recognise
// their own device; the full header stays available as a tooltip.

// Order matters: Edge and Opera also claim Chrome, and Chrome claims Safari.
const BROWSERS: [name: string, pattern: RegExp][] = [
  ["Edge", /Edg(?:e|A|iOS)?\/(\d+)/],
  ["Opera", /(?:OPR|Opera)\/(\d+)/],
  ["Samsung Internet", /SamsungBrowser\/(\d+)/],
  ["Firefox", /(?:Firefox|FxiOS)\/(\d+)/],
  ["Chrome (headless)", /HeadlessChrome\/(\d+)/],
  ["Chrome", /(?:Chrome|CriOS)\/(\d+)/],
  ["Safari", /Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//],
  ["curl", /^curl\/(\d+)/],
  ["Node.js", /^node(?:-fetch)?(?:\/(\d+))?/i],
];

const SYSTEMS: [name: string, pattern: RegExp][] = [
  ["iPhone", /iPhone/],
  ["iPad", /iPad/],
  ["Android", /Android/],
  ["ChromeOS", /CrOS/],
  ["Windows", /Windows/],
  ["macOS", /Mac OS X|Macintosh/],
  ["Linux", /Linux/],
];

export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent?.trim()) return "Unknown device";
  const browser = BROWSERS.map(([name, pattern]) => ({ name, match: pattern.exec(userAgent) })).find((b) => b.match);
  const system = SYSTEMS.find(([, pattern]) => pattern.test(userAgent))?.[0];
  const browserLabel = browser ? [browser.name, browser.match?.[1]].filter(Boolean).join(" ") : null;
  if (browserLabel && system) return `${browserLabel} on ${system}`;
  return browserLabel ?? system ?? (userAgent.length > 40 ? `${userAgent.slice(0, 40)}…` : userAgent);
}
