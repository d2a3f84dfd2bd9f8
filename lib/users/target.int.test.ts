// The grant check on a user or role and the change it guards are atomic: a target promoted at the
// moment a lesser administrator acts on it is either caught (403) or was acted on before the
// promotion committed. The audit chain orders commits (each append holds the chain head's row
// lock until its transaction ends), so "before" is read from the entries' sequence numbers. On
// PGlite transactions run one at a time, so the role-edit race can only go wrong on PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { createApiKey } from "@/lib/apikeys/manage.ts";
import { backends } from "@/lib/db/testing.ts";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import { updateRole } from "@/lib/rbac/roles.ts";
import { seededTestOrg } from "@/lib/testing/api-org.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { installTestRuntime } from "@/lib/testing/runtime.ts";
import * as userPasswordRoute from "@/app/api/v1/users/[id]/password-reset/route.ts";
import * as roleRoute from "@/app/api/v1/roles/[id]/route.ts";
import { updateUser } from "./admin.ts";
import { createUser } from "./create-user.ts";

type Handler = (request: Request, context: never) => Promise<Response>;

const RACES = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(backends)("acting on a user or role while it is promoted, on %s", (backend) => {
  const org = seededTestOrg(backend);
  const admin = () => ({ orgId: org.orgId, actor: SYSTEM_ACTOR, permissions: PERMISSIONS });

  const call = async (
    handler: Handler,
    token: string,
    method: string,
    body: unknown,
    params: Record<string, string>,
  ) => {
    const request = new Request("http://localhost/api/v1/x", {
      method,
      headers: { authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await handler(request, { params: Promise.resolve(params) } as never);
    return response.status;
  };

  /** The changes audited on these targets, in commit order. */
  const committed = (targetIds: string[]) =>
    org.db.prisma.auditEntry.findMany({
      where: {
        orgId: org.orgId,
        targetId: { in: targetIds },
        action: { in: ["user.password_reset", "user.updated", "role.updated"] },
      },
      orderBy: { seq: "asc" },
    });

  beforeAll(async () => {
    useTestEnv({ API_KEY_RATE_LIMIT_PER_MINUTE: "10000" });
    const { uninstall } = installTestRuntime(org.db);
    await org.db.prisma.role.updateMany({ where: { orgId: org.orgId }, data: { mfaRequired: false } });
    return uninstall;
  });

  const keyWith = async (scopes: string[]) =>
    (
      await createApiKey(
        org.db.prisma,
        { orgId: org.orgId, name: `holds ${scopes.join(" ")}`, scopes },
        { actor: SYSTEM_ACTOR, userId: null, permissions: PERMISSIONS },
      )
    ).token;

  it(`a users:write key never resets the password of a user made admin at that moment (${RACES} races, by role assignment and by role edit)`, async () => {
    const token = await keyWith(["users:read", "users:write"]);
    const lost: string[] = [];
    const outcomes: number[] = [];
    for (let i = 0; i < RACES; i++) {
      const byRoleEdit = i % 2 === 1;
      const role = await org.db.prisma.role.create({
        data: { orgId: org.orgId, name: `desk-${i}`, permissions: ["users:read"], mfaRequired: false },
      });
      const target = await createUser(org.db.prisma, {
        orgId: org.orgId,
        email: `target-${i}@example.test`,
        password: "ochre-lantern-harbour-52",
        roleNames: [role.name],
        mustChangePassword: false,
      });
      const [reset] = await Promise.all([
        call(userPasswordRoute.POST, token, "POST", undefined, { id: target.id }),
        sleep(i).then((): Promise<unknown> =>
          byRoleEdit
            ? updateRole(org.db.prisma, role.id, { permissions: [...PERMISSIONS] }, admin())
            : updateUser(org.db.prisma, target.id, { roles: ["admin"] }, admin()),
        ),
      ]);
      expect([200, 403], `race ${i}: reset answered ${reset}`).toContain(reset);
      outcomes.push(reset);
      const order = (await committed([target.id, role.id])).map((e) => e.action);
      expect(order, `race ${i}: the promotion committed`).toContain(byRoleEdit ? "role.updated" : "user.updated");
      if (reset === 200 && order.at(-1) === "user.password_reset")
        lost.push(`race ${i}: password reset committed after the promotion (${order.join(", ")})`);
    }
    expect(lost).toEqual([]);
    // Most races find the promotion made (403): the test does race the two.
    expect(outcomes).toContain(403);
  });

  it(`a roles:write key never relaxes MFA on a role given every permission at that moment (${RACES} races)`, async () => {
    const token = await keyWith(["roles:write", "users:read"]);
    const lost: string[] = [];
    const outcomes: number[] = [];
    for (let i = 0; i < RACES; i++) {
      const role = await org.db.prisma.role.create({
        data: { orgId: org.orgId, name: `ops-${i}`, permissions: ["users:read"], mfaRequired: true },
      });
      const [relax] = await Promise.all([
        call(roleRoute.PATCH, token, "PATCH", { mfaRequired: false }, { id: role.id }),
        sleep(i % 10).then((): Promise<unknown> =>
          updateRole(org.db.prisma, role.id, { permissions: [...PERMISSIONS] }, admin()),
        ),
      ]);
      expect([200, 403], `race ${i}: relaxing answered ${relax}`).toContain(relax);
      outcomes.push(relax);
      const after = await org.db.prisma.role.findUniqueOrThrow({ where: { id: role.id } });
      if (after.permissions.length === PERMISSIONS.length && !after.mfaRequired) {
        const entries = await org.db.prisma.auditEntry.findMany({
          where: { targetId: role.id, action: "role.updated" },
          orderBy: { seq: "asc" },
        });
        if (entries.at(-1)?.actorType === "apikey")
          lost.push(`race ${i}: MFA relaxed on the role after it was given every permission`);
      }
    }
    expect(lost).toEqual([]);
  });
});
