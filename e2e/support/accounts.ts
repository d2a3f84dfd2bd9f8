// Accounts for end-to-end tests, driven over HTTP the way a browser would (next-auth CSRF
// handshake, session cookie, Origin header), plus TOTP codes that never reuse a time step.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { TOTP, Secret } from "otpauth";

export interface Account {
  email: string;
  password: string;
  totpSecret?: string;
  /** The last TOTP step used for this account: the server refuses it and anything older. */
  lastStep?: number;
}

const PERIOD_MS = 30_000;
const step = (ms: number) => Math.floor(ms / PERIOD_MS);

/** How long a code must stay acceptable after it is made: a request in flight must not see it expire. */
const VALID_FOR_MS = 10_000;

/**
 * A code for the earliest step the server will still take for the next VALID_FOR_MS (its step ±1,
 * newer than the last used). The previous step alone expires at the next 30-second boundary, which
 * a request made in a step's last moments crosses (a flake seen in CI).
 */
export async function nextTotp(account: Account): Promise<string> {
  const target = Math.max(step(Date.now() + VALID_FOR_MS) - 1, (account.lastStep ?? -Infinity) + 1);
  while (step(Date.now()) + 1 < target) await new Promise((r) => setTimeout(r, 1_000));
  account.lastStep = target;
  const totp = new TOTP({ secret: Secret.fromBase32(account.totpSecret!), algorithm: "SHA1", digits: 6, period: 30 });
  return totp.generate({ timestamp: target * PERIOD_MS + 1_000 });
}

export const uniqueEmail = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}@example.test`;
export const strongPassword = () => `e2e ${randomBytes(9).toString("base64url")} passphrase`;

export class HttpSession {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseURL: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("cookie", this.cookieHeader());
    if (!headers.has("origin")) headers.set("origin", this.baseURL);
    const response = await fetch(new URL(path, this.baseURL), { ...init, headers, redirect: "manual" });
    this.keep(response);
    return response;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.fetch(path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** next-auth's credentials sign-in: "ok", "mfa_required" or "failed". */
  async signIn(email: string, password: string, code?: string): Promise<"ok" | "mfa_required" | "failed"> {
    const { csrfToken } = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email, password, json: "true", ...(code ? { code } : {}) });
    const response = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    const location =
      response.headers.get("location") ?? ((await response.json().catch(() => ({}))) as { url?: string }).url ?? "";
    const error = new URL(location, this.baseURL).searchParams.get("error");
    if (error === "mfa_required") return "mfa_required";
    return error || ![...this.cookies.keys()].some((n) => n.endsWith("next-auth.session-token")) ? "failed" : "ok";
  }

  /** First sign-in chores: replace the one-time password, enroll TOTP. Returns the finished account. */
  async completeSetup(email: string, oneTimePassword: string): Promise<Account> {
    if ((await this.signIn(email, oneTimePassword)) !== "ok") throw new Error(`first sign-in failed for ${email}`);
    const account: Account = { email, password: strongPassword() };
    await this.json("POST", "/api/v1/account/password", {
      currentPassword: oneTimePassword,
      newPassword: account.password,
    });
    account.totpSecret = (await this.json<{ secret: string }>("POST", "/api/v1/account/mfa/enrollment")).secret;
    await this.json("POST", "/api/v1/account/mfa/enrollment/confirm", { code: await nextTotp(account) });
    return account;
  }

  /** The session cookies as a Playwright storage state. */
  storageState() {
    const { hostname } = new URL(this.baseURL);
    return {
      cookies: [...this.cookies].map(([name, value]) => ({
        name,
        value,
        domain: hostname,
        path: "/",
        expires: -1,
        httpOnly: true,
        secure: false,
        sameSite: "Lax" as const,
      })),
      origins: [],
    };
  }
}

/** An admin-created user who has finished setup (own password, TOTP), signed out. */
export async function provisionUser(
  admin: HttpSession,
  roles: string[] = ["analyst"],
  prefix = "user",
): Promise<Account> {
  const email = uniqueEmail(prefix);
  const created = await admin.json<{ oneTimePassword: string }>("POST", "/api/v1/users", { email, roles });
  return new HttpSession(admin.baseURL).completeSetup(email, created.oneTimePassword);
}

/** Signs in through the real form: password, then the authenticator code step. */
export async function signInWithCode(page: Page, account: Account) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Authentication code").fill(await nextTotp(account));
  await page.getByRole("button", { name: "Verify" }).click();
}
