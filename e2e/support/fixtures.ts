import fs from "node:fs";
import { test as base, expect, type Page } from "@playwright/test";
import { HttpSession, type Account } from "./accounts";
import { E2E_TARGETS, STATE_FILE, adminStorageFile, type E2EState } from "./targets";

function targetOf(projectName: string) {
  return E2E_TARGETS.find((t) => t.name === projectName)!;
}

export function adminFor(projectName: string): Account {
  const state = JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
  return state.admins[targetOf(projectName).database];
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const test = base.extend<{
  admin: Account;
  /** A page in a browser context already signed in as the admin. */
  adminPage: Page;
  /** The admin's session over plain HTTP, for arranging data through the API. */
  adminApi: HttpSession;
}>({
  admin: async ({}, provide, testInfo) => {
    await provide(adminFor(testInfo.project.name));
  },
  adminPage: async ({ browser }, provide, testInfo) => {
    const target = targetOf(testInfo.project.name);
    const context = await browser.newContext({
      baseURL: target.baseURL,
      storageState: adminStorageFile(target.database),
    });
    await provide(await context.newPage());
    await context.close();
  },
  adminApi: async ({}, provide, testInfo) => {
    const target = targetOf(testInfo.project.name);
    const session = new HttpSession(target.baseURL);
    const state = JSON.parse(fs.readFileSync(adminStorageFile(target.database), "utf8")) as {
      cookies: { name: string; value: string }[];
    };
    for (const cookie of state.cookies) session.cookies.set(cookie.name, cookie.value);
    await provide(session);
  },
});

export { expect };
