// `npm run cli -- <command>`: operator commands (../shared/CONTRACT.md "CLI").
import { parseArgs } from "node:util";
import { openDatabase } from "@/lib/db/connect.ts";
import { DataDirInUseError } from "@/lib/db/data-dir-lock.ts";
import { prepareDatabase } from "@/lib/db/prepare.ts";
import { defaultOrgId } from "@/lib/orgs/default-org.ts";
import { ConfigError, env } from "@/lib/env.ts";
import { generateOneTimePassword } from "@/lib/auth/password.ts";
import { AppError } from "@/lib/http/errors.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { printAdminBanner } from "@/lib/server/banner.ts";
import { applyAuditRetention } from "@/lib/audit/retention.ts";
import { verifyAllAuditChains } from "@/lib/audit/verify.ts";
import { deriveKey } from "@/lib/crypto/keys.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/apikeys/manage.ts";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import { parseDuration } from "@/lib/validation/duration.ts";
import { simulate } from "@/lib/simulator/post-events.ts";
import { createRuntime, type Runtime } from "@/lib/runtime/runtime.ts";
import { installRuntime } from "@/lib/runtime/process-runtime.ts";

const USAGE = `usage: npm run cli -- <command>
  migrate                                 apply pending database migrations
  seed                                    create the default org, built-in roles and first admin if missing
  user create --email E --role R[,R2]     create a user (password read from stdin, else generated and printed once)
  apikey create --name N --scopes a,b [--expires 30d] [--rate-limit N]
                                          create an API key as the system actor; prints the key once
  apikey list                             list API keys (prefix, scopes, expiry, last use, status)
  apikey revoke <id|prefix>               revoke a key; it stops working on its next request
  audit verify                            check every org's audit chain; exit 1 naming the first bad entry
  simulate [--rate N] [--duration S] [--attack-share F] [--url U] [--key K]
                                          send realistic mixed benign and attack traffic to the running server's
                                          ingest endpoint (default 50 events/s for 60 s, 10% attacks; without --key
                                          or SECURENET_API_KEY an events:write key valid for a day is created)
  audit retention [--days N]              remove entries older than N days (default AUDIT_RETENTION_DAYS), keeping a signed checkpoint`;

async function readStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
  return text || undefined;
}

/** A command's runtime (the database, Redis if configured), installed for its duration and closed after. */
async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const config = env();
  const db = await openDatabase(
    config.databaseMode === "postgres"
      ? { mode: "postgres", url: config.DATABASE_URL! }
      : { mode: "embedded", dataDir: config.dataDir },
  );
  const runtime = createRuntime({ config, db });
  installRuntime(runtime);
  try {
    return await fn(runtime);
  } finally {
    installRuntime(undefined);
    await runtime.close();
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  const config = env();
  switch (command) {
    case "migrate": {
      const result = await withRuntime(({ db }) => prepareDatabase(db));
      console.log(result.applied.length ? `Applied: ${result.applied.join(", ")}` : "Database is up to date.");
      return 0;
    }
    case "seed": {
      const result = await withRuntime(({ db }) =>
        prepareDatabase(db, {
          seed: { adminEmail: config.SECURENET_ADMIN_EMAIL, adminPassword: config.SECURENET_ADMIN_PASSWORD },
        }),
      );
      if (result.seed?.createdAdmin) printAdminBanner(result.seed.createdAdmin, config.publicUrl);
      else console.log("Seed data already present; nothing created.");
      return 0;
    }
    case "audit": {
      const key = deriveKey(config.SECURENET_ENCRYPTION_KEY, "audit-checkpoint");
      if (sub === "verify") {
        const results = await withRuntime(({ db }) => verifyAllAuditChains(db.prisma, key));
        for (const r of results) {
          if (r.ok)
            console.log(`org ${r.orgId}: intact, ${r.checked} entries${r.lastSeq ? ` (through ${r.lastSeq})` : ""}`);
          else
            console.log(
              `org ${r.orgId}: BROKEN at entry ${r.firstBad!.seq} [${r.firstBad!.problem}]: ${r.firstBad!.message}`,
            );
        }
        return results.every((r) => r.ok) ? 0 : 1;
      }
      if (sub === "retention") {
        const { values } = parseArgs({ args: rest, options: { days: { type: "string" } } });
        const days = values.days === undefined ? config.AUDIT_RETENTION_DAYS : Number(values.days);
        if (!Number.isInteger(days) || days < 1)
          throw new AppError("bad_request", "--days must be a whole number of days, at least 1", [
            { path: "days", message: "invalid" },
          ]);
        await withRuntime(async ({ db }) => {
          for (const org of await db.prisma.org.findMany({ select: { id: true } })) {
            const result = await applyAuditRetention(db.prisma, {
              orgId: org.id,
              retentionDays: days,
              checkpointKey: key,
            });
            console.log(
              `org ${org.id}: removed ${result.removed} entries${result.throughSeq ? ` through ${result.throughSeq}` : ""}`,
            );
          }
        });
        return 0;
      }
      break;
    }
    case "apikey": {
      const by = { actor: SYSTEM_ACTOR, userId: null, permissions: PERMISSIONS };
      if (sub === "create") {
        const { values } = parseArgs({
          args: rest,
          options: {
            name: { type: "string" },
            scopes: { type: "string" },
            expires: { type: "string" },
            "rate-limit": { type: "string" },
          },
        });
        if (!values.name)
          throw new AppError("bad_request", "--name is required", [{ path: "name", message: "required" }]);
        if (!values.scopes)
          throw new AppError("bad_request", "--scopes is required (comma-separated permissions)", [
            { path: "scopes", message: "required" },
          ]);
        const expiresMs = values.expires === undefined ? null : parseDuration(values.expires);
        if (values.expires !== undefined && !expiresMs)
          throw new AppError("bad_request", "--expires must look like 90m, 12h, 30d or 8w", [
            { path: "expires", message: "invalid" },
          ]);
        const rateLimit = values["rate-limit"] === undefined ? null : Number(values["rate-limit"]);
        if (rateLimit !== null && (!Number.isInteger(rateLimit) || rateLimit < 1))
          throw new AppError("bad_request", "--rate-limit must be a whole number of requests a minute", [
            { path: "rate-limit", message: "invalid" },
          ]);
        const { key, token } = await withRuntime(async ({ db }) =>
          createApiKey(
            db.prisma,
            {
              orgId: await defaultOrgId(db.prisma),
              name: values.name!,
              scopes: values
                .scopes!.split(",")
                .map((s) => s.trim())
                .filter(Boolean),
              expiresAt: expiresMs ? new Date(Date.now() + expiresMs) : null,
              rateLimitPerMinute: rateLimit,
            },
            by,
          ),
        );
        console.log(
          `Created API key ${key.name} (sn_${key.prefix}, id ${key.id}) with scopes ${key.scopes.join(",")}${key.expiresAt ? `, expires ${key.expiresAt.toISOString()}` : ""}.`,
        );
        console.log(`Key (shown only now): ${token}`);
        return 0;
      }
      if (sub === "list") {
        const keys = await withRuntime(async ({ db }) => listApiKeys(db.prisma, await defaultOrgId(db.prisma)));
        if (keys.length === 0) console.log("No API keys.");
        for (const k of keys) {
          const status = k.revokedAt
            ? "revoked"
            : k.expiresAt && k.expiresAt <= new Date()
              ? "expired"
              : (k.stoppedBy ?? "active");
          console.log(
            `sn_${k.prefix}  ${status.padEnd(7)}  ${k.name}  scopes=${k.scopes.join(",")}  expires=${k.expiresAt?.toISOString() ?? "never"}  lastUsed=${k.lastUsedAt?.toISOString() ?? "never"}${k.lastUsedIp ? ` from ${k.lastUsedIp}` : ""}  id=${k.id}`,
          );
        }
        return 0;
      }
      if (sub === "revoke") {
        if (!rest[0])
          throw new AppError("bad_request", "give the key's id or prefix", [{ path: "key", message: "required" }]);
        const key = await withRuntime(async ({ db }) =>
          revokeApiKey(db.prisma, await defaultOrgId(db.prisma), rest[0]!, by),
        );
        console.log(`Revoked API key ${key.name} (sn_${key.prefix}).`);
        return 0;
      }
      break;
    }
    case "simulate": {
      const { values } = parseArgs({
        args: [sub, ...rest].filter((a): a is string => a !== undefined),
        options: {
          rate: { type: "string", default: "50" },
          duration: { type: "string", default: "60" },
          "attack-share": { type: "string", default: "0.1" },
          url: { type: "string" },
          key: { type: "string" },
          seed: { type: "string" },
        },
      });
      const rate = Number(values.rate);
      const duration = Number(values.duration);
      const attackShare = Number(values["attack-share"]);
      if (!Number.isInteger(rate) || rate < 1 || rate > 5000)
        throw new AppError("bad_request", "--rate must be 1-5000 events a second", [
          { path: "rate", message: "invalid" },
        ]);
      if (!(duration > 0))
        throw new AppError("bad_request", "--duration must be a positive number of seconds", [
          { path: "duration", message: "invalid" },
        ]);
      if (!(attackShare >= 0 && attackShare <= 1))
        throw new AppError("bad_request", "--attack-share must be between 0 and 1", [
          { path: "attack-share", message: "invalid" },
        ]);
      let token = values.key ?? process.env.SECURENET_API_KEY;
      if (!token) {
        const created = await withRuntime(async ({ db }) =>
          createApiKey(
            db.prisma,
            {
              orgId: await defaultOrgId(db.prisma),
              name: "simulator",
              scopes: ["events:write"],
              expiresAt: new Date(Date.now() + 86_400_000),
              rateLimitPerMinute: 100_000,
            },
            { actor: SYSTEM_ACTOR, userId: null, permissions: PERMISSIONS },
          ),
        ).catch((error: unknown) => {
          if (!(error instanceof DataDirInUseError)) throw error;
          throw new AppError(
            "bad_request",
            "the server is running on the embedded database, so the simulator cannot make its own key: create an events:write key (Admin → API keys) and pass it with --key or SECURENET_API_KEY",
            [{ path: "key", message: "required while the server holds the data folder" }],
          );
        });
        token = created.token;
        console.log(`Created API key sn_${created.key.prefix} (events:write, expires in a day) for the simulator.`);
      }
      const url = values.url ?? config.publicUrl;
      console.log(`Sending ${rate} events/s for ${duration} s to ${url} …`);
      const totals = await simulate({
        url,
        token,
        ratePerSecond: rate,
        durationSeconds: duration,
        attackShare,
        seed: values.seed ? Number(values.seed) : undefined,
        onProgress: (line) => process.stdout.write(`\r${line}   `),
      });
      console.log(`\nDone: ${totals.accepted} of ${totals.sent} events accepted, ${totals.alerts} alert updates.`);
      return 0;
    }
    case "user": {
      if (sub !== "create") break;
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
      });
      if (!values.email)
        throw new AppError("bad_request", "--email is required", [{ path: "email", message: "required" }]);
      if (!values.role)
        throw new AppError("bad_request", "--role is required", [{ path: "role", message: "required" }]);
      const given = await readStdin();
      const password = given ?? generateOneTimePassword();
      const user = await withRuntime(async ({ db }) =>
        createUser(db.prisma, {
          orgId: await defaultOrgId(db.prisma),
          email: values.email!,
          password,
          roleNames: values
            .role!.split(",")
            .map((r) => r.trim())
            .filter(Boolean),
          name: values.name,
        }),
      );
      console.log(`Created user ${user.email} (${user.id}).`);
      if (!given) console.log(`One-time password (shown only now): ${password}`);
      return 0;
    }
  }
  console.error(USAGE);
  return 2;
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  if (
    error instanceof ConfigError ||
    error instanceof AppError ||
    error instanceof DataDirInUseError ||
    (error as Error).name === "MigrationError"
  ) {
    console.error(`error: ${(error as Error).message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
