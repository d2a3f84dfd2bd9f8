// Helpers for the SOC console specs: signed-in browser contexts for new users, a sensor's API key,
// and events a script sends the way a sensor would.
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext } from "@playwright/test";
import { HttpSession, uniqueEmail } from "./accounts";

export async function signedInContext(browser: Browser, admin: HttpSession, roles: string[], prefix: string): Promise<{ context: BrowserContext; email: string; api: HttpSession }> {
  const email = uniqueEmail(prefix);
  const created = await admin.json<{ oneTimePassword: string }>("POST", "/api/v1/users", { email, roles });
  const api = new HttpSession(admin.baseURL);
  await api.completeSetup(email, created.oneTimePassword);
  const context = await browser.newContext({ baseURL: admin.baseURL, storageState: api.storageState() });
  return { context, email, api };
}

export async function sensorKey(admin: HttpSession): Promise<string> {
  const key = await admin.json<{ token: string }>("POST", "/api/v1/apikeys", { name: `sensor-${randomBytes(3).toString("hex")}`, scopes: ["events:write"], expiresAt: null, rateLimitPerMinute: 100_000 });
  return key.token;
}

/** A test-unique address in 198.18.0.0/15 (benchmarking range): nothing else uses it. */
export function uniqueIp(): string {
  const b = randomBytes(2);
  return `198.${18 + (b[0]! & 1)}.${b[1]}.${1 + Math.floor(Math.random() * 250)}`;
}

/** Five failed SSH logins from one address, for an account of its own: exactly one brute-force alert. */
export function bruteForce(ip: string, tag = randomBytes(4).toString("hex")) {
  const user = `svc-${ip.replaceAll(".", "-")}`;
  return Array.from({ length: 5 }, (_, i) => ({ event: { id: `${tag}-${ip}-${i}`, module: "sshd" }, message: `sshd[77]: Failed password for ${user} from ${ip} port ${40000 + i} ssh2` }));
}

export async function postEvents(baseURL: string, token: string, events: unknown[]) {
  const response = await fetch(new URL("/api/v1/events", baseURL), { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(events) });
  if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { accepted: number; alerts: { id: string; rules: string[] }[] };
}
