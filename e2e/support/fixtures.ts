import fs from "node:fs";
import { test as base, expect, type Page } from "@playwright/test";
import { E2E_TARGETS, STATE_FILE, type E2EState } from "./targets";

export function adminFor(projectName: string) {
  const state = JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
  const target = E2E_TARGETS.find((t) => t.name === projectName)!;
  return state.admins[target.database];
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const test = base.extend<{ admin: { email: string; password: string } }>({
  admin: async ({}, provide, testInfo) => {
    await provide(adminFor(testInfo.project.name));
  },
});

export { expect };
