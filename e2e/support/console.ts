// Helpers for the SOC console specs: signed-in browser contexts for new users, a sensor's API key,
// and events a script sends the way a sensor would.
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext } from "@playwright/test";
import { HttpSession, uniqueEmail } from "./accounts";

export async function signedInContext(
  browser: Browser,
  admin: HttpSession,
  roles: string[],
  prefix: string,
): Promise<{ context: BrowserContext; email: string; api: HttpSession }> {
  const email = uniqueEmail(prefix);
  const created = await admin.json<{ oneTimePassword: string }>("POST", "/api/v1/users", { email, roles });
  const api = new HttpSession(admin.baseURL);
  await api.completeSetup(email, created.oneTimePassword);
  const context = await browser.newContext({ baseURL: admin.baseURL, storageState: api.storageState() });
  return { context, email, api };
}

export async function sensorKey(admin: HttpSession): Promise<string> {
  const key = await admin.json<{ token: string }>("POST", "/api/v1/apikeys", {
    name: `sensor-${randomBytes(3).toString("hex")}`,
    scopes: ["events:write"],
    expiresAt: null,
    rateLimitPerMinute: 100_000,
  });
  return key.token;
}

// 198.18.0.0/15 (the benchmarking range) holds 2 × 256 × 250 usable addresses here; handed out in
// order from a random start, so no two in one run are the same. Random ones collided: fifty drawn
// at once shared an address about once in a hundred runs, and two brute forces became one alert.
const ADDRESSES = 2 * 256 * 250;
let nextAddress = randomBytes(4).readUInt32BE() % ADDRESSES;

/** A test-unique address in 198.18.0.0/15: nothing else uses it, and no spec in this run gets it twice. */
export function uniqueIp(): string {
  const n = nextAddress;
  nextAddress = (nextAddress + 1) % ADDRESSES;
  return `198.${18 + Math.floor(n / (256 * 250))}.${Math.floor(n / 250) % 256}.${1 + (n % 250)}`;
}

/** Five failed SSH logins from one address, for an account of its own: exactly one brute-force alert. */
export function bruteForce(ip: string, tag = randomBytes(4).toString("hex")) {
  const user = `svc-${ip.replaceAll(".", "-")}`;
  return Array.from({ length: 5 }, (_, i) => ({
    event: { id: `${tag}-${ip}-${i}`, module: "sshd" },
    message: `sshd[77]: Failed password for ${user} from ${ip} port ${40000 + i} ssh2`,
  }));
}

export async function postEvents(baseURL: string, token: string, events: unknown[]) {
  const response = await fetch(new URL("/api/v1/events", baseURL), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(events),
  });
  if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { accepted: number; alerts: { id: string; rules: string[] }[] };
}
