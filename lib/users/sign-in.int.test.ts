import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { seed } from "@/lib/db/seed.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { totpCode, totpStep } from "@/lib/auth/totp.ts";
import { ACCOUNT_POLICY, accountSourceKey, type ThrottlePolicy } from "@/lib/auth/throttle.ts";
import { onSecurityEvent, type SecurityEvent } from "@/lib/security/events.ts";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { createUser } from "./create-user.ts";
import { confirmEnrollment, startEnrollment } from "./mfa.ts";
import { signIn, type SignInOptions } from "./sign-in.ts";

const PASSWORD = "ochre-lantern-harbour-52";
const context = { sourceIp: "198.51.100.10", userAgent: "vitest", requestId: "req-identity" };
// Small numbers so a test can walk through a whole lock cycle.
const small: ThrottlePolicy = {
  ...ACCOUNT_POLICY,
  freeFailures: 2,
  delayBaseMs: 1_000,
  lockAfter: 4,
  lockBaseMs: 60_000,
  lockMaxMs: 240_000,
};
const roomy: ThrottlePolicy = { ...ACCOUNT_POLICY, freeFailures: 1_000, lockAfter: 10_000 };

describe.each(backends)("sign-in on %s", (backend) => {
  let db: TestDatabase;
  let orgId: string;
  let n = 0;
  const newUser = async (overrides: { mfa?: boolean } = {}) => {
    const email = `user${++n}@example.test`;
    const user = await createUser(db.prisma, {
      orgId,
      email,
      password: PASSWORD,
      roleNames: ["analyst"],
      mustChangePassword: false,
    });
    let secret: string | undefined;
    if (overrides.mfa) {
      const who = { userId: user.id, actor: SYSTEM_ACTOR };
      secret = (await startEnrollment(db.prisma, who)).secret;
      // Enroll with the previous step's code so the current one is still unused.
      await confirmEnrollment(db.prisma, who, totpCode(secret, Date.now() - 30_000));
    }
    return { ...user, secret };
  };
  const lastAudit = (action: string) =>
    db.prisma.auditEntry.findFirstOrThrow({ where: { action }, orderBy: { seq: "desc" } });

  beforeAll(async () => {
    useTestEnv();
    db = await createTestDatabase(backend);
    orgId = (await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" })).orgId;
  });
  afterAll(() => db.close());
  beforeEach(() => db.prisma.signInThrottle.deleteMany());

  it("answers an unknown user, a wrong password and a locked account identically, and audits each reason", async () => {
    const user = await newUser();
    const options: SignInOptions = { throttle: { account: { ...small, freeFailures: 0, lockAfter: 1 }, ip: roomy } };
    const unknown = await signIn(db.prisma, { email: "ghost@example.test", password: PASSWORD }, context, options);
    expect((await lastAudit("auth.login.failed")).detail).toEqual({ reason: "unknown_user" });
    const wrong = await signIn(db.prisma, { email: user.email, password: PASSWORD + "!" }, context, options);
    expect((await lastAudit("auth.login.failed")).detail).toEqual({ reason: "wrong_password" });
    // The account is now locked: even the right password gets the same answer.
    const locked = await signIn(db.prisma, { email: user.email, password: PASSWORD }, context, options);
    expect(await lastAudit("auth.login.failed")).toMatchObject({
      detail: { reason: "locked" },
      sourceIp: context.sourceIp,
      outcome: "failure",
    });
    expect(unknown).toEqual({ status: "failed" });
    expect(wrong).toEqual(unknown);
    expect(locked).toEqual(unknown);
  });

  it("delays after a few failures, locks after N, and releases when the lock runs out", async () => {
    const user = await newUser();
    const events: SecurityEvent[] = [];
    const stop = onSecurityEvent((e) => events.push(e));
    const t0 = Date.parse("2026-11-23T10:00:00Z");
    const at = (ms: number): SignInOptions => ({ now: new Date(t0 + ms), throttle: { account: small, ip: roomy } });
    const attempt = (password: string, ms: number) =>
      signIn(db.prisma, { email: user.email, password }, context, at(ms));

    await attempt("wrong-1-wrong-1-wrong", 0);
    await attempt("wrong-2-wrong-2-wrong", 100);
    await attempt("wrong-3-wrong-3-wrong", 200); // third failure: 1 s wait before the next attempt counts
    expect(await attempt(PASSWORD, 500)).toEqual({ status: "failed" }); // refused unchecked during the wait
    await attempt("wrong-4-wrong-4-wrong", 1_300); // fourth failure: locked for a minute
    const lockout = await lastAudit("auth.lockout");
    expect(lockout).toMatchObject({
      outcome: "failure",
      sourceIp: context.sourceIp,
      targetLabel: user.email,
      detail: { scope: "account", failures: 4 },
    });
    expect(events.map((e) => e.kind)).toContain("auth.lockout");

    expect(await attempt(PASSWORD, 1_300 + 59_000)).toEqual({ status: "failed" });
    expect(await attempt(PASSWORD, 1_300 + 61_000)).toMatchObject({ status: "signed_in" });
    // A success clears the account's counter.
    expect(
      await db.prisma.signInThrottle.findUnique({ where: { key: accountSourceKey(user.email, context.sourceIp) } }),
    ).toBeNull();
    stop();
  });

  it("locks a source address spraying one password across many accounts", async () => {
    const ipPolicy: ThrottlePolicy = { ...small, freeFailures: 100, lockAfter: 5 };
    const options: SignInOptions = { throttle: { account: roomy, ip: ipPolicy } };
    const victim = await newUser();
    for (let i = 0; i < 5; i++)
      await signIn(
        db.prisma,
        { email: `sprayed${i}@example.test`, password: "Summer2026!Summer2026!" },
        context,
        options,
      );
    expect(await lastAudit("auth.lockout")).toMatchObject({
      targetType: "ip",
      targetId: context.sourceIp,
      detail: { scope: "ip" },
    });
    expect(await signIn(db.prisma, { email: victim.email, password: PASSWORD }, context, options)).toEqual({
      status: "failed",
    });
    expect(
      await signIn(
        db.prisma,
        { email: victim.email, password: PASSWORD },
        { ...context, sourceIp: "198.51.100.99" },
        options,
      ),
    ).toMatchObject({ status: "signed_in" });
  });

  it("checks at most the throttle's budget of 40 concurrent wrong passwords for one account; the rest are refused unchecked", async () => {
    const user = await newUser();
    // Three free attempts, then a minute's wait: at most 4 passwords may be checked.
    const options: SignInOptions = {
      throttle: { account: { ...small, freeFailures: 3, delayBaseMs: 60_000, lockAfter: 100 }, ip: roomy },
    };
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn(db.prisma, { email: user.email, password: `wrong-guess-${i}-wrong-guess` }, context, options),
      ),
    );
    expect(results.every((r) => r.status === "failed")).toBe(true);
    const reasons = await db.prisma.auditEntry.findMany({
      where: { action: "auth.login.failed", targetId: user.id },
      select: { detail: true },
    });
    const checked = reasons.filter((r) => (r.detail as { reason: string }).reason === "wrong_password").length;
    expect(checked, "passwords checked").toBeLessThanOrEqual(4);
    expect(reasons.length - checked, "refused as throttled").toBeGreaterThanOrEqual(36);
  });

  it("does not let a stranger lock an admin out: 50 failures from one source, then the admin signs in from another, and from the same one with their known device", async () => {
    const email = `admin${++n}@example.test`;
    await createUser(db.prisma, { orgId, email, password: PASSWORD, roleNames: ["admin"], mustChangePassword: false });
    const t0 = Date.now();
    const at = (ms: number): SignInOptions => ({ now: new Date(t0 + ms) });
    const earlier = await signIn(
      db.prisma,
      { email, password: PASSWORD },
      { ...context, sourceIp: "203.0.113.7" },
      at(0),
    );
    expect(earlier).toMatchObject({ status: "signed_in" });

    // Each guess waits out the previous one's delay, so all 50 count (default policies).
    const attacker = { ...context, sourceIp: "192.0.2.66" };
    let t = 1_000;
    for (let i = 0; i < 50; i++, t += 61_000)
      expect(await signIn(db.prisma, { email, password: `stranger-guess-${i}-guess` }, attacker, at(t))).toEqual({
        status: "failed",
      });
    expect(
      await signIn(db.prisma, { email, password: PASSWORD }, attacker, at(t)),
      "the stranger's source is locked",
    ).toEqual({ status: "failed" });

    expect(
      await signIn(db.prisma, { email, password: PASSWORD }, { ...context, sourceIp: "198.51.100.200" }, at(t + 1_000)),
    ).toMatchObject({ status: "signed_in" });
    const device = (earlier as { device?: string }).device;
    expect(device, "the device cookie of the earlier sign-in").toEqual(expect.any(String));
    expect(await signIn(db.prisma, { email, password: PASSWORD, device }, attacker, at(t + 2_000))).toMatchObject({
      status: "signed_in",
    });
    // A device cookie is bound to its user: another account's sign-in from there gets no budget from it.
    expect(
      await signIn(db.prisma, { email: "ghost@example.test", password: PASSWORD, device }, attacker, at(t + 3_000)),
    ).toEqual({ status: "failed" });
  });

  it("upgrades an Argon2id hash made with older parameters at the next successful sign-in", async () => {
    const user = await newUser();
    const weak = await hash(PASSWORD, { algorithm: 2, memoryCost: 8_192, timeCost: 1, parallelism: 1 });
    await db.prisma.user.update({ where: { id: user.id }, data: { passwordHash: weak } });
    expect(await signIn(db.prisma, { email: user.email, password: PASSWORD }, context)).toMatchObject({
      status: "signed_in",
    });
    const stored = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await signIn(db.prisma, { email: user.email, password: PASSWORD }, context)).toMatchObject({
      status: "signed_in",
    });
    expect((await lastAudit("auth.login.succeeded")).detail).not.toHaveProperty("passwordRehashed");
  });

  it("never gives a session for the password alone when MFA is on; a TOTP code works once", async () => {
    const user = await newUser({ mfa: true });
    const sessions = () => db.prisma.userSession.count({ where: { userId: user.id } });
    expect(await signIn(db.prisma, { email: user.email, password: PASSWORD }, context)).toEqual({
      status: "mfa_required",
    });
    expect(
      await signIn(
        db.prisma,
        { email: user.email, password: "not-it-not-it-not-it", code: totpCode(user.secret!) },
        context,
      ),
    ).toEqual({ status: "failed" });
    expect(await sessions()).toBe(0);

    const code = totpCode(user.secret!);
    const first = await signIn(db.prisma, { email: user.email, password: PASSWORD, code }, context);
    expect(first).toMatchObject({ status: "signed_in" });
    expect((await lastAudit("auth.login.succeeded")).detail).toMatchObject({ mfa: "totp" });
    expect(await signIn(db.prisma, { email: user.email, password: PASSWORD, code }, context)).toEqual({
      status: "failed",
    });
    expect((await lastAudit("auth.login.failed")).detail).toEqual({ reason: "wrong_mfa_code" });
    expect(await sessions()).toBe(1);
  });

  it("accepts a code only within its time step ±1", async () => {
    const user = await newUser({ mfa: true });
    const now = Date.now();
    const tooOld = totpCode(user.secret!, now - 90_000);
    const tooNew = totpCode(user.secret!, now + 90_000);
    for (const code of [tooOld, tooNew, "000000", "12345"]) {
      if (code === totpCode(user.secret!, now)) continue;
      expect(await signIn(db.prisma, { email: user.email, password: PASSWORD, code }, context)).toEqual({
        status: "failed",
      });
    }
    expect(
      await signIn(
        db.prisma,
        { email: user.email, password: PASSWORD, code: totpCode(user.secret!, now + 30_000) },
        context,
      ),
    ).toMatchObject({ status: "signed_in" });
    const stored = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(Number(stored.totpLastStep)).toBe(totpStep(now) + 1);
    // Steps at or before the last one used are refused, even inside the window.
    expect(
      await signIn(db.prisma, { email: user.email, password: PASSWORD, code: totpCode(user.secret!, now) }, context),
    ).toEqual({ status: "failed" });
  });

  it("takes a recovery code once, and audits its use", async () => {
    const user = await newUser();
    const who = { userId: user.id, actor: SYSTEM_ACTOR };
    const { secret } = await startEnrollment(db.prisma, who);
    const codes = await confirmEnrollment(db.prisma, who, totpCode(secret));
    expect(codes).toHaveLength(10);
    const stored = await db.prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((c) => c.codeHash)).not.toContain(codes[0]);
    expect(JSON.stringify(stored)).not.toContain(codes[0]!.replace("-", ""));

    const withCode = { email: user.email, password: PASSWORD, code: codes[3]!.toUpperCase() };
    expect(await signIn(db.prisma, withCode, context)).toMatchObject({ status: "signed_in" });
    expect(await lastAudit("auth.mfa.recovery_code_used")).toMatchObject({
      targetLabel: user.email,
      sourceIp: context.sourceIp,
      detail: { remaining: 9 },
    });
    expect(await signIn(db.prisma, withCode, context)).toEqual({ status: "failed" });
    expect(await signIn(db.prisma, { ...withCode, code: codes[4]! }, context)).toMatchObject({ status: "signed_in" });
  });

  it("audits a success with actor, address, outcome and the session it opened", async () => {
    const user = await newUser();
    const result = await signIn(db.prisma, { email: user.email, password: PASSWORD }, context);
    expect(result.status).toBe("signed_in");
    const entry = await lastAudit("auth.login.succeeded");
    expect(entry).toMatchObject({
      actorType: "user",
      actorId: user.id,
      outcome: "success",
      sourceIp: context.sourceIp,
      userAgent: "vitest",
      requestId: context.requestId,
    });
    expect((entry.detail as { session: string }).session).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(entry.detail)).not.toContain(result.status === "signed_in" ? result.sessionId : "-");
  });
});
