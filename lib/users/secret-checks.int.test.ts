// Every secret check a signed-in session can make (the current password, a TOTP or recovery code)
// is throttled per user: a stolen session cannot guess its way to a password change or new
// recovery codes, and a known password cannot be paired with guessed TOTP codes at sign-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { seed } from "@/lib/db/seed.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { totpCode } from "@/lib/auth/totp.ts";
import { ACCOUNT_POLICY, type ThrottlePolicy } from "@/lib/auth/throttle.ts";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { AppError } from "@/lib/http/errors.ts";
import { createUser } from "./create-user.ts";
import { confirmEnrollment, regenerateRecoveryCodes, startEnrollment } from "./mfa.ts";
import { changeOwnPassword } from "./password-change.ts";
import { signIn } from "./sign-in.ts";

const PASSWORD = "ochre-lantern-harbour-52";
const roomy: ThrottlePolicy = { ...ACCOUNT_POLICY, freeFailures: 1_000, lockAfter: 10_000 };

/** The AppError an attempt failed with, or "ok". */
const outcome = (attempt: () => Promise<unknown>) =>
  attempt().then(
    () => "ok" as const,
    (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)),
  );

/** 30 wrong guesses: at most a handful are checked (422), the rest refused with 429 and Retry-After. */
async function expectThrottled(guess: (i: number) => Promise<unknown>) {
  const results = [];
  for (let i = 0; i < 30; i++) results.push(await outcome(() => guess(i)));
  const checked = results.filter((r) => r instanceof AppError && r.status === 422).length;
  expect(checked, "guesses checked").toBeLessThanOrEqual(10);
  const last = results.at(-1);
  expect(last instanceof AppError && last.status, "the 30th guess").toBe(429);
  expect((last as AppError).headers?.["retry-after"]).toMatch(/^[1-9]\d*$/);
}

describe.each(backends)("secret checks are throttled per user on %s", (backend) => {
  let db: TestDatabase;
  let orgId: string;
  let n = 0;
  const newUser = async () => {
    const user = await createUser(db.prisma, {
      orgId,
      email: `guessed${++n}@example.test`,
      password: PASSWORD,
      roleNames: ["analyst"],
      mustChangePassword: false,
    });
    return { ...user, who: { userId: user.id, actor: SYSTEM_ACTOR } };
  };
  const enrolled = async () => {
    const user = await newUser();
    const { secret } = await startEnrollment(db.prisma, user.who);
    await confirmEnrollment(db.prisma, user.who, totpCode(secret, Date.now() - 30_000));
    return { ...user, secret };
  };
  /** A well-formed code that is not valid now (ten minutes ahead). */
  const wrongCode = (secret: string, i: number) => totpCode(secret, Date.now() + 600_000 + i * 30_000);

  beforeAll(async () => {
    useTestEnv();
    db = await createTestDatabase(backend);
    orgId = (await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" })).orgId;
  });
  afterAll(() => db.close());

  it("password change: 30 current-password guesses from one session are cut off, and then even the right one waits", async () => {
    const user = await newUser();
    await expectThrottled((i) =>
      changeOwnPassword(db.prisma, user.who, {
        currentPassword: `guess-${i}-guess-guess`,
        newPassword: "fresh-meadow-violin-77",
      }),
    );
    const right = await outcome(() =>
      changeOwnPassword(db.prisma, user.who, { currentPassword: PASSWORD, newPassword: "fresh-meadow-violin-77" }),
    );
    expect(right).toMatchObject({ status: 429 });
  });

  it("recovery-code regeneration: TOTP guesses are cut off, and then even the current code waits", async () => {
    const user = await enrolled();
    await expectThrottled((i) => regenerateRecoveryCodes(db.prisma, user.who, wrongCode(user.secret, i)));
    expect(await outcome(() => regenerateRecoveryCodes(db.prisma, user.who, totpCode(user.secret)))).toMatchObject({
      status: 429,
    });
  });

  it("enrollment confirm: TOTP guesses are cut off, and then even the current code waits", async () => {
    const user = await newUser();
    const { secret } = await startEnrollment(db.prisma, user.who);
    await expectThrottled((i) => confirmEnrollment(db.prisma, user.who, wrongCode(secret, i)));
    expect(await outcome(() => confirmEnrollment(db.prisma, user.who, totpCode(secret)))).toMatchObject({
      status: 429,
    });
  });

  it("sign-in's TOTP step: with the password known, guesses from many addresses are cut off per user", async () => {
    const user = await enrolled();
    const options = { throttle: { account: roomy, ip: roomy } };
    for (let i = 0; i < 30; i++) {
      const from = { sourceIp: `192.0.2.${i + 1}`, userAgent: "vitest" };
      expect(
        await signIn(
          db.prisma,
          { email: user.email, password: PASSWORD, code: wrongCode(user.secret, i) },
          from,
          options,
        ),
      ).toEqual({ status: "failed" });
    }
    const checked = await db.prisma.auditEntry.count({
      where: { action: "auth.login.failed", targetId: user.id, detail: { equals: { reason: "wrong_mfa_code" } } },
    });
    expect(checked, "codes checked").toBeLessThanOrEqual(10);
    const right = await signIn(
      db.prisma,
      { email: user.email, password: PASSWORD, code: totpCode(user.secret) },
      { sourceIp: "192.0.2.200" },
      options,
    );
    expect(right).toEqual({ status: "failed" });
  });
});
