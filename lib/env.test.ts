import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env.ts";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "sn-env-"));
const KEY = Buffer.alloc(32, 7).toString("base64");
const SECRET = "x".repeat(40);

function error(raw: Record<string, string>): ConfigError {
  try {
    parseEnv(raw);
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("parseEnv", () => {
  it("defaults to the embedded database with the demo on and port 3000", () => {
    const env = parseEnv({ SECURENET_DATA_DIR: tmp() });
    expect(env.databaseMode).toBe("embedded");
    expect(env.PORT).toBe(3000);
    expect(env.SECURENET_DEMO).toBe(true);
    expect(env.publicUrl).toBe("http://localhost:3000");
  });

  it("generates secrets into the data folder once and reuses them", () => {
    const dir = tmp();
    const first = parseEnv({ SECURENET_DATA_DIR: dir });
    const second = parseEnv({ SECURENET_DATA_DIR: dir });
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(second.AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(second.SECURENET_ENCRYPTION_KEY).toBe(first.SECURENET_ENCRYPTION_KEY);
    expect(Buffer.from(first.SECURENET_ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(fs.statSync(path.join(dir, "secrets.json")).mode & 0o777).toBe(0o600);
  });

  it("names the variable when a value is bad", () => {
    expect(error({ PORT: "eighty" }).variable).toBe("PORT");
    expect(error({ PORT: "70000" }).variable).toBe("PORT");
    expect(error({ DATABASE_URL: "mysql://x" }).message).toMatch(/DATABASE_URL: must be a postgres/);
    expect(error({ SECURENET_DEMO: "maybe", SECURENET_DATA_DIR: tmp() }).variable).toBe("SECURENET_DEMO");
    expect(error({ SECURENET_ENCRYPTION_KEY: "short", SECURENET_DATA_DIR: tmp() }).variable).toBe(
      "SECURENET_ENCRYPTION_KEY",
    );
  });

  it("requires secrets from the environment with PostgreSQL, where instances must share them", () => {
    const url = "postgres://postgres@127.0.0.1:5432/test";
    expect(error({ DATABASE_URL: url }).variable).toBe("AUTH_SECRET");
    expect(error({ DATABASE_URL: url, AUTH_SECRET: SECRET }).variable).toBe("SECURENET_ENCRYPTION_KEY");
    const env = parseEnv({ DATABASE_URL: url, AUTH_SECRET: SECRET, SECURENET_ENCRYPTION_KEY: KEY });
    expect(env.databaseMode).toBe("postgres");
    expect(env.SECURENET_DEMO).toBe(false);
  });

  it("accepts a hex encryption key and explicit demo off", () => {
    const env = parseEnv({ SECURENET_DATA_DIR: tmp(), SECURENET_ENCRYPTION_KEY: "ab".repeat(32), SECURENET_DEMO: "0" });
    expect(env.SECURENET_ENCRYPTION_KEY).toBe("ab".repeat(32));
    expect(env.SECURENET_DEMO).toBe(false);
  });
});
