// The blocked-address check behind a reverse proxy: ingest and sign-in see the address the proxy
// saw (the server derives it from the socket and X-Forwarded-For as server.ts does), so a blocked
// client cannot get through by forging the leftmost X-Forwarded-For entry.
import { beforeAll, describe, expect, it } from "vitest";
import * as events from "@/app/api/v1/events/route.ts";
import { backends } from "@/lib/db/testing.ts";
import { env } from "@/lib/env.ts";
import { blockIp } from "@/lib/response/blocks.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { signIn } from "@/lib/users/sign-in.ts";
import { CLIENT_IP_HEADER, clientIp, requestContext } from "./request-context.ts";

const PROXY = "10.0.0.1";
const BLOCKED = "203.0.113.7";
const FORGED = "198.51.100.1";

/** The headers a route handler gets for a request the proxy forwarded with this X-Forwarded-For. */
function forwarded(xff: string): Record<string, string> {
  const ip = clientIp(PROXY, xff, env().SECURENET_TRUST_PROXY);
  return ip ? { [CLIENT_IP_HEADER]: ip } : {};
}

describe.each(backends)("a blocked client behind one proxy on %s", (backend) => {
  const org = apiTestOrg(backend);

  beforeAll(async () => {
    const current = env();
    useTestEnv({
      API_KEY_RATE_LIMIT_PER_MINUTE: "10000",
      AUTH_SECRET: current.AUTH_SECRET,
      SECURENET_ENCRYPTION_KEY: current.SECURENET_ENCRYPTION_KEY,
      SECURENET_TRUST_PROXY: "1",
    });
    await blockIp(org.db.prisma, { orgId: org.orgId, ip: BLOCKED, reason: "test", minutes: 60 });
  });

  it("is refused at ingest when it forges the leftmost X-Forwarded-For entry", async () => {
    const body = [{ message: "hello" }];
    const response = await org.call(
      events.POST,
      "POST",
      "/api/v1/events",
      body,
      {},
      forwarded(`${FORGED}, ${BLOCKED}`),
    );
    expect(response.status).toBe(403);
    const entry = await org.db.prisma.auditEntry.findFirst({
      where: { orgId: org.orgId, action: "ip.block_enforced" },
      orderBy: { seq: "desc" },
    });
    expect(entry).toMatchObject({ sourceIp: BLOCKED, targetId: BLOCKED });
  });

  it("is refused at sign-in when it forges the leftmost X-Forwarded-For entry", async () => {
    const context = requestContext(forwarded(`${FORGED}, ${BLOCKED}`));
    expect(context.sourceIp).toBe(BLOCKED);
    expect(
      await signIn(org.db.prisma, { email: "root@example.test", password: "plum-orbit-candle-41" }, context),
    ).toEqual({ status: "failed" });
  });
});
