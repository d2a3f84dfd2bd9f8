// Tests that reach code reading the app configuration get a fixed, valid one with fresh secrets.
import { randomBytes } from "node:crypto";
import { parseEnv, setEnvForProcess, type Env } from "@/lib/env.ts";

export function useTestEnv(overrides: Record<string, string> = {}): Env {
  const env = parseEnv({
    NODE_ENV: "test",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    SECURENET_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "silent",
    ...overrides,
  });
  setEnvForProcess(env);
  return env;
}
