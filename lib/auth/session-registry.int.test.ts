import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { seed } from "@/lib/db/seed.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { totpCode } from "@/lib/auth/totp.ts";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { confirmEnrollment, resetMfa, startEnrollment } from "@/lib/users/mfa.ts";
import { changeOwnPassword, resetPassword } from "@/lib/users/password-change.ts";
import { loadSessionPrincipal } from "@/lib/users/principal.ts";
import { signIn } from "@/lib/users/sign-in.ts";
import {
  deadSessionIds,
  onSessionsRevoked,
  revokeSessions,
  sessionRef,
  type SessionPolicy,
} from "./session-registry.ts";

const PASSWORD = "ochre-lantern-harbour-52";
const context = { sourceIp: "192.0.2.44", userAgent: "vitest-sessions", requestId: "req-sessions" };
const policy: SessionPolicy = { idleTimeoutMs: 30 * 60_000, maxLifetimeMs: 12 * 3_600_000 };

describe.each(backends)("session registry on %s", (backend) => {
  let db: TestDatabase;
  let orgId: string;
  let n = 0;

  const newUser = async () => {
    const user = await createUser(db.prisma, {
      orgId,
      email: `s${++n}@example.test`,
      password: PASSWORD,
      roleNames: ["analyst"],
      mustChangePassword: false,
    });
    const who = { userId: user.id, actor: SYSTEM_ACTOR };
    const { secret } = await startEnrollment(db.prisma, who);
    await confirmEnrollment(db.prisma, who, totpCode(secret, Date.now() - 30_000));
    let offset = 0;
    const open = async (at = new Date()) => {
      // The code for the sign-in's own clock (`at`), one step further each time (a code is good once):
      // read from the wall clock, a 30-second boundary passing mid-test made it two steps ahead.
      const result = await signIn(
        db.prisma,
        { email: user.email, password: PASSWORD, code: totpCode(secret, at.getTime() + offset) },
        context,
        { now: at, session: policy },
      );
      offset += 30_000;
      if (result.status !== "signed_in") throw new Error(`sign-in failed: ${result.status}`);
      return result.sessionId;
    };
    return { user, open };
  };
  const principalOf = (userId: string, sessionId: string, now?: Date) =>
    loadSessionPrincipal(db.prisma, { userId, sessionId }, policy, now);
  const lastAudit = (action: string) =>
    db.prisma.auditEntry.findFirstOrThrow({ where: { action }, orderBy: { seq: "desc" } });

  beforeAll(async () => {
    useTestEnv();
    db = await createTestDatabase(backend);
    orgId = (await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" })).orgId;
  });
  afterAll(() => db.close());

  it("gives every sign-in a new session, and a revoked one stops working on the very next request", async () => {
    const { user, open } = await newUser();
    const a = await open();
    const b = await open();
    expect(a).not.toBe(b);
    expect(await principalOf(user.id, a)).toMatchObject({ id: user.id, sessionId: a });

    const notified: string[][] = [];
    const stop = onSessionsRevoked((ids) => notified.push(ids));
    const admin = { type: "user" as const, id: "admin-id", label: "root@example.test" };
    expect(
      await revokeSessions(
        db.prisma,
        { userId: user.id, sessionId: a },
        { actor: admin, context, reason: "revoked_by_user" },
      ),
    ).toEqual([a]);
    stop();
    expect(notified).toEqual([[a]]);
    expect(await principalOf(user.id, a)).toBeNull();
    expect(await principalOf(user.id, b)).not.toBeNull();
    expect(await deadSessionIds(db.prisma, [a, b], policy)).toEqual([a]);
    expect(await lastAudit("session.revoked")).toMatchObject({
      actorLabel: "root@example.test",
      outcome: "success",
      sourceIp: context.sourceIp,
      targetType: "session",
      targetId: sessionRef(a),
      targetLabel: user.email,
      detail: { reason: "revoked_by_user" },
    });
    // A session id never stands in for another user's.
    expect(await principalOf("00000000-0000-4000-8000-000000000000", b)).toBeNull();
  });

  it("ends a session after the idle timeout and after its absolute lifetime", async () => {
    const { user, open } = await newUser();
    const t0 = new Date();
    const idle = await open(t0);
    expect(await principalOf(user.id, idle, new Date(t0.getTime() + 29 * 60_000))).not.toBeNull();
    // Use at 29 minutes moved the idle clock; 31 minutes after that use it is gone.
    expect(await principalOf(user.id, idle, new Date(t0.getTime() + 58 * 60_000))).not.toBeNull();
    expect(await principalOf(user.id, idle, new Date(t0.getTime() + 89 * 60_000))).toBeNull();

    const busy = await open(t0);
    for (let minute = 20; minute < 12 * 60; minute += 20) {
      expect(await principalOf(user.id, busy, new Date(t0.getTime() + minute * 60_000))).not.toBeNull();
    }
    expect(await principalOf(user.id, busy, new Date(t0.getTime() + 12 * 60 * 60_000 + 1))).toBeNull();
  });

  it("a password change ends the user's other sessions and keeps the current one", async () => {
    const { user, open } = await newUser();
    const current = await open();
    const other = await open();
    await expect(
      changeOwnPassword(
        db.prisma,
        { userId: user.id, sessionId: current, actor: { type: "user", id: user.id, label: user.email }, context },
        { currentPassword: PASSWORD, newPassword: "password" },
      ),
    ).rejects.toMatchObject({
      status: 422,
      errors: expect.arrayContaining([{ path: "newPassword", message: expect.stringMatching(/breached/) }]),
    });
    await expect(
      changeOwnPassword(
        db.prisma,
        { userId: user.id, sessionId: current, actor: { type: "user", id: user.id, label: user.email }, context },
        { currentPassword: "wrong-wrong-wrong-wrong", newPassword: "brass-otter-sunrise-77" },
      ),
    ).rejects.toMatchObject({ status: 422, errors: [{ path: "currentPassword" }] });
    await changeOwnPassword(
      db.prisma,
      { userId: user.id, sessionId: current, actor: { type: "user", id: user.id, label: user.email }, context },
      { currentPassword: PASSWORD, newPassword: "brass-otter-sunrise-77" },
    );
    expect(await principalOf(user.id, current)).not.toBeNull();
    expect(await principalOf(user.id, other)).toBeNull();
    expect(await lastAudit("user.password_changed")).toMatchObject({
      actorId: user.id,
      sourceIp: context.sourceIp,
      outcome: "success",
    });
    expect(await lastAudit("session.revoked")).toMatchObject({ detail: { reason: "password_changed" } });
  });

  it("an admin reset sets a one-time password, ends every session and keeps MFA", async () => {
    const { user, open } = await newUser();
    const session = await open();
    const admin = { type: "user" as const, id: "admin-id", label: "root@example.test" };
    const oneTime = await resetPassword(db.prisma, {
      userId: user.id,
      orgId,
      actor: admin,
      permissions: PERMISSIONS,
      context,
    });
    expect(await principalOf(user.id, session)).toBeNull();
    const stored = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored).toMatchObject({ mustChangePassword: true });
    expect(stored.mfaEnabledAt).not.toBeNull();
    // The new password alone does not get in: the second factor is still asked for.
    expect(await signIn(db.prisma, { email: user.email, password: oneTime }, context)).toEqual({
      status: "mfa_required",
    });
    expect(await lastAudit("user.password_reset")).toMatchObject({
      actorLabel: "root@example.test",
      targetId: user.id,
      sourceIp: context.sourceIp,
    });
  });

  it("an MFA reset ends every session and sends the user back to enrollment", async () => {
    const { user, open } = await newUser();
    const session = await open();
    const admin = { type: "user" as const, id: "admin-id", label: "root@example.test" };
    await resetMfa(db.prisma, { userId: user.id, orgId, actor: admin, permissions: PERMISSIONS, context });
    expect(await principalOf(user.id, session)).toBeNull();
    expect(await db.prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const result = await signIn(db.prisma, { email: user.email, password: PASSWORD }, context);
    expect(result.status).toBe("signed_in");
    const principal = await principalOf(user.id, result.status === "signed_in" ? result.sessionId : "");
    expect(principal).toMatchObject({ setup: ["mfa_enrollment"], permissions: [] });
    expect(await lastAudit("auth.mfa.reset")).toMatchObject({
      actorLabel: "root@example.test",
      targetId: user.id,
      outcome: "success",
      sourceIp: context.sourceIp,
    });
  });
});
