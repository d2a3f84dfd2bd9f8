import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { seed } from "@/lib/db/seed.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { signIn } from "@/lib/users/sign-in.ts";
import { installTestRuntime } from "@/lib/testing/runtime.ts";
import { countFailedSignIns } from "@/lib/stats/event-rollups.ts";
import { startInternalDetection } from "./internal-events.ts";
import { pipelineDeps } from "./pipeline-deps.ts";

describe.each(backends)("the console's own failed sign-ins are detected on %s", (backend) => {
  let db: TestDatabase;
  let stop: () => void;
  let installed: ReturnType<typeof installTestRuntime>;

  beforeAll(async () => {
    useTestEnv();
    db = await createTestDatabase(backend);
    await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" });
    installed = installTestRuntime(db);
    stop = startInternalDetection(pipelineDeps(installed.runtime));
  });
  afterAll(async () => {
    stop();
    await installed.uninstall();
    await db.close();
  });

  it("turns repeated failed sign-ins from one address into a brute-force alert", async () => {
    const context = { sourceIp: "203.0.113.66", userAgent: "hydra", requestId: "r" };
    for (let i = 0; i < 6; i++)
      await signIn(db.prisma, { email: "root@example.test", password: `guess-${i}-guess-${i}` }, context);
    // The alert can be raised by the fifth failure while the sixth is still being stored, so wait for both.
    const eventsFrom = { module: "securenet", sourceIp: "203.0.113.66" };
    let alert = null;
    let stored: Awaited<ReturnType<typeof db.prisma.event.findMany>> = [];
    for (let tries = 0; tries < 50 && (!alert || stored.length < 6); tries++) {
      if (tries > 0) await new Promise((r) => setTimeout(r, 100));
      alert = await db.prisma.alert.findFirst({ where: { entityValue: "203.0.113.66", ruleId: "sn-brute-force-ip" } });
      stored = await db.prisma.event.findMany({ where: eventsFrom });
    }
    expect(alert).toMatchObject({ entityType: "ip", category: "brute_force" });
    expect(stored.length).toBeGreaterThanOrEqual(6);
    expect(stored[0]).toMatchObject({ action: "auth.failure", userName: "root@example.test", userAgent: "hydra" });
    // Stored through the same insert as sensor events: counted in the rollups the overview reads.
    const failures = stored.filter((e) => e.action === "auth.failure").length;
    const since = new Date(Math.min(...stored.map((e) => e.timestamp.getTime())));
    expect(await countFailedSignIns(db.prisma, stored[0]!.orgId, since, new Date())).toBe(failures);
    const ip = await db.prisma.entityEventRollup.aggregate({
      where: { entityType: "ip", entityValue: "203.0.113.66" },
      _sum: { count: true, failures: true },
    });
    expect(ip._sum).toEqual({ count: stored.length, failures });
  });
});
