import { io } from "socket.io-client";
import { nextTotp, signInWithCode, strongPassword, uniqueEmail, provisionUser, type Account } from "./support/accounts";
import { expect, test } from "./support/fixtures";

test("first sign-in: replace the one-time password, enroll TOTP from the QR secret, then sign in with password and code", async ({
  page,
  adminApi,
}) => {
  const email = uniqueEmail("newcomer");
  const { oneTimePassword } = await adminApi.json<{ oneTimePassword: string }>("POST", "/api/v1/users", {
    email,
    roles: ["analyst"],
  });

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(oneTimePassword);
  await page.getByRole("button", { name: "Sign in" }).click();

  // Nothing else opens until setup is done.
  await expect(page).toHaveURL(/\/setup/);
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/setup/);
  await expect(page.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  const blocked = await page.request.get("/api/v1/audit");
  expect(blocked.status()).toBe(403);

  // A breached password is refused with the reason next to the field.
  await page.getByLabel("Current (one-time) password").fill(oneTimePassword);
  await page.getByLabel("New password", { exact: true }).fill("passwordpassword");
  await page.getByLabel("Confirm new password").fill("passwordpassword");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "breached" })).toBeVisible();

  const account: Account = { email, password: strongPassword() };
  await page.getByLabel("New password", { exact: true }).fill(account.password);
  await page.getByLabel("Confirm new password").fill(account.password);
  await page.getByRole("button", { name: "Set password" }).click();

  await expect(page.getByRole("heading", { name: "Turn on two-factor authentication" })).toBeVisible();
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  account.totpSecret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(await nextTotp(account));
  await page.getByRole("button", { name: "Verify and turn on" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // The password alone is not enough: the code step follows, and a wrong code is refused.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "code" })).toContainText("That code did not work");
  await page.getByLabel("Authentication code").fill(await nextTotp(account));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});

test("revoking a session from another browser bounces the first on its next navigation and drops its socket; a signed-out cookie gets 401", async ({
  browser,
  adminApi,
  baseURL,
}) => {
  const account = await provisionUser(adminApi, ["analyst"], "revoke");

  const first = await browser.newContext({ baseURL });
  const firstPage = await first.newPage();
  await signInWithCode(firstPage, account);
  await expect(firstPage.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  const cookie = (await first.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  // As the browser's own socket does: its cookie, from the console's origin (a cookie from any other origin is refused).
  const socket = io(baseURL!, {
    transports: ["websocket"],
    extraHeaders: { cookie, origin: new URL(baseURL!).origin },
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const disconnected = new Promise<number>((resolve) => socket.once("disconnect", () => resolve(Date.now())));

  const second = await browser.newContext({ baseURL });
  const secondPage = await second.newPage();
  await signInWithCode(secondPage, account);
  await expect(secondPage.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await secondPage.goto("/account");
  const sessions = secondPage.getByRole("table", { name: "Your sessions" });
  // The first browser's session, as that browser itself sees it.
  const listed = (await firstPage.request.get("/api/v1/account/sessions").then((r) => r.json())) as {
    sessions: { ref: string; current: boolean }[];
  };
  const firstRef = listed.sessions.find((s) => s.current)!.ref;
  const revoke = sessions.getByRole("button", { name: `Revoke session ${firstRef}` });
  await expect(revoke).toBeVisible();
  const revokedAt = Date.now();
  await revoke.click();
  await expect(revoke).toHaveCount(0);

  // The socket is dropped within 5 s of the revocation.
  const droppedAt = await Promise.race([
    disconnected,
    new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 6_000)),
  ]);
  expect(droppedAt - revokedAt).toBeLessThan(5_000);
  socket.close();
  await firstPage
    .getByRole("navigation", { name: "Primary" })
    .getByRole("link", { name: "Alerts", exact: true })
    .click();
  await expect(firstPage).toHaveURL(/\/sign-in/);
  expect((await firstPage.request.get("/api/v1/me")).status()).toBe(401);

  // Sign out in the second browser, then replay its old cookie: the server has forgotten it.
  const oldCookie = (await second.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await secondPage.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(secondPage).toHaveURL(/\/sign-in/);
  const replay = await fetch(new URL("/api/v1/me", baseURL), { headers: { cookie: oldCookie } });
  expect(replay.status).toBe(401);

  const audit = await adminApi.json<{
    items: { action: string; outcome: string; sourceIp: string | null; actorLabel: string }[];
  }>("GET", `/api/v1/audit?target=${encodeURIComponent(account.email)}&limit=50`);
  const actions = audit.items.map((e) => e.action);
  expect(actions).toEqual(
    expect.arrayContaining([
      "auth.login.succeeded",
      "session.revoked",
      "auth.logout",
      "auth.mfa.enrolled",
      "user.password_changed",
    ]),
  );
  for (const entry of audit.items.filter(
    (e) => e.action === "session.revoked" || e.action === "auth.login.succeeded",
  )) {
    expect(entry).toMatchObject({ outcome: "success", actorLabel: account.email });
    expect(entry.sourceIp).toBeTruthy();
  }
  await first.close();
  await second.close();
});
