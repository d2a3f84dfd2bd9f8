// Integration test setups: a fresh database on the backend with its org seeded; for tests that drive
// route handlers, also a runtime around it (installed as the process's) and an API key to call them with.
import { afterAll, beforeAll } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { createApiKey } from "@/lib/apikeys/manage.ts";
import { seed } from "@/lib/db/seed.ts";
import { createTestDatabase, type Backend, type TestDatabase } from "@/lib/db/testing.ts";
import { MemoryWindowStore } from "@/lib/detection/window-store.ts";
import { ensureAllEventPartitions } from "@/lib/pipeline/event-retention.ts";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import { invalidateRuleset } from "@/lib/rules/ruleset.ts";
import type { Runtime } from "@/lib/runtime/runtime.ts";
import { useTestEnv } from "./env.ts";
import { installTestRuntime } from "./runtime.ts";

type Handler = (request: Request, context: never) => Promise<Response>;

/** Registers the suite's beforeAll/afterAll for a fresh database with the default org seeded in it. */
export function seededTestOrg(backend: Backend) {
  let db: TestDatabase | undefined;
  let orgId = "";
  beforeAll(async () => {
    db = await createTestDatabase(backend);
    orgId = (await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" })).orgId;
    // As the server starts (prepareDatabase): events land in the org's day partitions.
    await ensureAllEventPartitions(db.prisma);
  });
  afterAll(async () => db?.close());
  return {
    get db() {
      if (!db) throw new Error("the test database is made in beforeAll");
      return db;
    },
    get orgId() {
      return orgId;
    },
  };
}

/**
 * As seededTestOrg, with a runtime around its database installed as the process's (in-memory
 * detection windows, no Redis) and an API key with every permission; `call` sends a request to a
 * handler as that key.
 */
export function apiTestOrg(backend: Backend) {
  const org = seededTestOrg(backend);
  let token = "";
  let installed: ReturnType<typeof installTestRuntime> | undefined;
  beforeAll(async () => {
    useTestEnv({ API_KEY_RATE_LIMIT_PER_MINUTE: "10000" });
    // Fresh threshold windows per test org, whatever REDIS_URL says: counts never leak between files.
    installed = installTestRuntime(org.db, { windows: new MemoryWindowStore() });
    invalidateRuleset(org.orgId);
    token = (
      await createApiKey(
        org.db.prisma,
        { orgId: org.orgId, name: "sensor", scopes: [...PERMISSIONS] },
        { actor: SYSTEM_ACTOR, userId: null, permissions: PERMISSIONS },
      )
    ).token;
  });
  afterAll(async () => installed?.uninstall());
  return {
    get db() {
      return org.db;
    },
    get runtime(): Runtime {
      if (!installed) throw new Error("the runtime is made in beforeAll");
      return installed.runtime;
    },
    get orgId() {
      return org.orgId;
    },
    /** The key's Authorization header, for requests `call` cannot make (a raw or NDJSON body). */
    get authorization() {
      return `Bearer ${token}`;
    },
    async call(
      handler: Handler,
      method: string,
      url: string,
      body?: unknown,
      params: Record<string, string> = {},
      headers: Record<string, string> = {},
    ) {
      const request = new Request(`http://localhost${url}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const response = await handler(request, { params: Promise.resolve(params) } as never);
      return { status: response.status, body: response.status === 204 ? null : await response.json() };
    },
  };
}
