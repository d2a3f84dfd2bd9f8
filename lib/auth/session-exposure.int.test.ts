import { beforeAll, describe, expect, it } from "vitest";
import { backends } from "@/lib/db/testing.ts";
import { seededTestOrg } from "@/lib/testing/api-org.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { installTestRuntime } from "@/lib/testing/runtime.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { authOptions } from "./options.ts";
import { createSession, sessionRef } from "./session-registry.ts";

describe.each(backends)("the browser-visible session on %s", (backend) => {
  const org = seededTestOrg(backend);
  let userId = "";
  let sessionId = "";

  beforeAll(async () => {
    useTestEnv();
    const { uninstall } = installTestRuntime(org.db);
    const user = await createUser(org.db.prisma, {
      orgId: org.orgId,
      email: "exposure@example.test",
      password: "quartz-meadow-violin-83",
      roleNames: ["analyst"],
      mustChangePassword: false,
    });
    userId = user.id;
    sessionId = (
      await createSession(org.db.prisma, user, { sourceIp: "192.0.2.9", userAgent: "vitest", requestId: "r1" })
    ).id;
    return uninstall;
  });

  const sessionFor = (options: ReturnType<typeof authOptions>) =>
    options.callbacks!.session!({
      session: { expires: new Date(Date.now() + 3_600_000).toISOString() },
      token: { sub: userId, sid: sessionId },
    } as never);

  it("answered at /api/auth/session, does not carry the registry session id (a non-secret reference instead)", async () => {
    const session = (await sessionFor(authOptions())) as { principal?: { email: string; sessionRef?: string } };
    expect(session.principal?.email).toBe("exposure@example.test");
    expect(JSON.stringify(session)).not.toContain(sessionId);
    expect(session.principal?.sessionRef).toBe(sessionRef(sessionId));
  });

  it("read by server code, still names the session (to mark it current, or keep it when revoking the others)", async () => {
    const session = (await sessionFor(authOptions({ serverSide: true }))) as { principal?: { sessionId?: string } };
    expect(session.principal?.sessionId).toBe(sessionId);
  });
});
