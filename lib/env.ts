// Typed configuration, parsed once. Nothing else in the app reads process.env.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { passwordProblems } from "@/lib/auth/password-policy.ts";
import { installedRuntime } from "@/lib/runtime/process-runtime.ts";
import type { Cidr, WebhookAllowList } from "@/lib/notifications/address-policy.ts";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const base64Key32 = z
  .string()
  .refine(
    (v) => decodeKey(v)?.length === 32,
    "must be 32 bytes, base64 or hex encoded (e.g. `openssl rand -base64 32`)",
  );

/** An address (a single-address range) or a CIDR range, strictly spelled, or null. */
function cidr(entry: string): Cidr | null {
  const [address = "", bits, ...rest] = entry.split("/");
  if (rest.length || (bits !== undefined && !/^\d{1,3}$/.test(bits))) return null;
  const parsed = ipaddr.IPv4.isValidFourPartDecimal(address)
    ? ipaddr.IPv4.parse(address)
    : ipaddr.IPv6.isValid(address)
      ? ipaddr.IPv6.parse(address)
      : null;
  const max = parsed?.kind() === "ipv4" ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  return parsed && prefix <= max ? [parsed, prefix] : null;
}

const list = (value: string) => value.split(/[\s,]+/).filter(Boolean);

/** Off; the number of reverse proxies in front (the client is that many hops from the right of X-Forwarded-For); or the proxies' addresses. */
export type ProxyTrust = false | { hops: number } | { proxies: Cidr[] };

const proxyTrust = z.string().transform((value, ctx): ProxyTrust => {
  const v = value.trim().toLowerCase();
  if (["0", "false", "no", "off"].includes(v)) return false;
  // "1" (and its synonyms) has always meant one proxy in front.
  if (["true", "yes", "on"].includes(v)) return { hops: 1 };
  if (/^\d+$/.test(v) && Number(v) <= 20) return { hops: Number(v) };
  const proxies = list(v).map(cidr);
  if (proxies.length && proxies.every((c) => c !== null)) return { proxies: proxies as Cidr[] };
  ctx.addIssue({
    code: "custom",
    message:
      "must be 0, the number of proxies in front (1-20), or a comma-separated list of the proxies' addresses or CIDR ranges",
  });
  return z.NEVER;
});

const webhookAllowList = z.string().transform((value, ctx): WebhookAllowList => {
  const allow: WebhookAllowList = { hosts: [], cidrs: [] };
  for (const entry of list(value.toLowerCase())) {
    const range = cidr(entry);
    if (range) allow.cidrs.push(range);
    else if (
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(entry) &&
      !/^[\d.]+$/.test(entry)
    )
      allow.hosts.push(entry.replace(/\.$/, ""));
    else {
      ctx.addIssue({ code: "custom", message: `"${entry}" is neither a host name, an address nor a CIDR range` });
      return z.NEVER;
    }
  }
  return allow;
});

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ error: "must be a port number (1-65535)" })
    .int("must be a port number (1-65535)")
    .min(1, "must be a port number (1-65535)")
    .max(65535, "must be a port number (1-65535)")
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  SECURENET_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional(),
  SECURENET_DATA_DIR: z.string().min(1).default("./.data"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SECURENET_ENCRYPTION_KEY: base64Key32.optional(),
  SECURENET_ADMIN_EMAIL: z.email().default("admin@securenet.local"),
  SECURENET_ADMIN_PASSWORD: z.string().optional(),
  SECURENET_DEMO: bool.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SECURENET_TRUST_PROXY: proxyTrust.default(false),
  /** Internal webhook receivers an admin allows on purpose: host names, addresses or CIDR ranges. */
  SECURENET_WEBHOOK_ALLOWED_HOSTS: webhookAllowList.default({ hosts: [], cidrs: [] }),
  AUDIT_RETENTION_DAYS: z.coerce
    .number({ error: "must be a number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .default(365),
  SESSION_IDLE_TIMEOUT_MINUTES: z.coerce
    .number({ error: "must be a number of minutes" })
    .int("must be a whole number of minutes")
    .min(1, "must be at least 1 minute")
    .max(24 * 60, "must be at most 1440 minutes")
    .default(30),
  SESSION_MAX_LIFETIME_HOURS: z.coerce
    .number({ error: "must be a number of hours" })
    .int("must be a whole number of hours")
    .min(1, "must be at least 1 hour")
    .max(24 * 30, "must be at most 720 hours")
    .default(12),
  API_KEY_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: "must be a number of requests" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(1_000_000, "must be at most 1000000")
    .default(600),
  /** Shipped Sigma rules (admin-added ones live in the database). */
  SECURENET_RULES_DIR: z.string().min(1).default("./rules"),
  /** IP reputation lists (*.txt, one address or CIDR a line). */
  SECURENET_REPUTATION_DIR: z.string().min(1).default("./rules/reputation"),
  /** Worker threads scoring big ingest batches beside the request thread; 0 scores everything inline. Default: one per spare core. */
  SECURENET_DETECTION_WORKERS: z.coerce
    .number({ error: "must be a number of workers" })
    .int("must be a whole number")
    .min(0, "must not be negative")
    .max(16, "must be at most 16")
    .optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: "must be a number of milliseconds" })
    .int("must be a whole number of milliseconds")
    .min(0, "must not be negative")
    .default(10_000),
});

export type Env = Omit<z.infer<typeof schema>, "AUTH_SECRET" | "SECURENET_ENCRYPTION_KEY" | "SECURENET_DEMO"> & {
  AUTH_SECRET: string;
  SECURENET_ENCRYPTION_KEY: string;
  SECURENET_DEMO: boolean;
  /** "embedded" (PGlite in the data folder) or "postgres" (DATABASE_URL). */
  databaseMode: "embedded" | "postgres";
  dataDir: string;
  publicUrl: string;
};

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable}: ${reason}`);
    this.name = "ConfigError";
  }
}

export function decodeKey(value: string): Buffer | null {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return Buffer.from(value, "base64");
  return null;
}

type SecretsFile = { AUTH_SECRET: string; SECURENET_ENCRYPTION_KEY: string };

/** Reads the embedded-mode secrets from the data folder, generating them on first run. */
function loadOrCreateSecrets(dataDir: string): SecretsFile {
  const file = path.join(dataDir, "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as SecretsFile;
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets: SecretsFile = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    SECURENET_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  // "wx" fails if another process created it meanwhile; then read theirs.
  try {
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600, flag: "wx" });
    return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      return JSON.parse(fs.readFileSync(file, "utf8")) as SecretsFile;
    throw error;
  }
}

/** Parses a raw environment. Throws ConfigError naming the first bad variable. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    throw new ConfigError(variable, issue.message);
  }
  const env = result.data;
  if (env.SECURENET_ADMIN_PASSWORD) {
    const problem = passwordProblems(env.SECURENET_ADMIN_PASSWORD, { email: env.SECURENET_ADMIN_EMAIL })[0];
    if (problem) throw new ConfigError("SECURENET_ADMIN_PASSWORD", problem.message);
  }
  const databaseMode = env.DATABASE_URL ? "postgres" : "embedded";
  const dataDir = path.resolve(env.SECURENET_DATA_DIR);

  let { AUTH_SECRET, SECURENET_ENCRYPTION_KEY } = env;
  if (databaseMode === "embedded" && (!AUTH_SECRET || !SECURENET_ENCRYPTION_KEY)) {
    const generated = loadOrCreateSecrets(dataDir);
    AUTH_SECRET ??= generated.AUTH_SECRET;
    SECURENET_ENCRYPTION_KEY ??= generated.SECURENET_ENCRYPTION_KEY;
  }
  // With a shared PostgreSQL several instances must agree on secrets, so they come from the environment.
  if (!AUTH_SECRET)
    throw new ConfigError("AUTH_SECRET", "is required when DATABASE_URL is set (at least 32 characters)");
  if (!SECURENET_ENCRYPTION_KEY) {
    throw new ConfigError("SECURENET_ENCRYPTION_KEY", "is required when DATABASE_URL is set (32 bytes, base64 or hex)");
  }

  return {
    ...env,
    AUTH_SECRET,
    SECURENET_ENCRYPTION_KEY,
    SECURENET_DEMO: env.SECURENET_DEMO ?? databaseMode === "embedded",
    databaseMode,
    dataDir,
    publicUrl: env.SECURENET_URL ?? `http://localhost:${env.PORT}`,
  };
}

// This module copy's configuration, once parsed or set. Route handlers bundled by Next (a second
// copy of this module) have none of their own and read the runtime's.
let configured: Env | undefined;

/** The process configuration: as set here, else the installed runtime's, else parsed on first use. */
export function env(): Env {
  configured ??= installedRuntime()?.config ?? parseEnv(process.env);
  return configured;
}

/** For tests and the CLI: replace the cached configuration. */
export function setEnvForProcess(value: Env | undefined) {
  configured = value;
}
