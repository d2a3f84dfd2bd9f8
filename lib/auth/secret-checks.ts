// Throttles on the secret checks a signed-in user (or someone holding their password) can repeat:
// the current password (password change), and TOTP or recovery codes (MFA enrollment, new recovery
// codes, sign-in's second step). Per user, whatever the session or address; an attempt is spent
// before the secret is checked (atomic, so concurrent guesses get no more), and a success gives the
// budget back. Over budget: 429 with Retry-After.
import "server-only";
import { consumeOrThrow, limiterFor } from "@/lib/http/rate-limit.ts";
import { AppError } from "@/lib/http/errors.ts";

export type SecretKind = "password" | "second_factor";

/** Attempts per window: a user who mistypes a few times waits minutes; a guesser gets nowhere. */
export const SECRET_CHECK_BUDGET: Record<SecretKind, { points: number; durationS: number }> = {
  password: { points: 5, durationS: 15 * 60 },
  second_factor: { points: 5, durationS: 5 * 60 },
};

const WHAT: Record<SecretKind, string> = { password: "password", second_factor: "authentication code" };

const limiter = (kind: SecretKind) =>
  limiterFor(`secret-${kind}`, SECRET_CHECK_BUDGET[kind].points, SECRET_CHECK_BUDGET[kind].durationS);

/** Spends one check of the user's budget; throws 429 with Retry-After when none is left. */
export async function consumeSecretCheck(kind: SecretKind, userId: string) {
  await consumeOrThrow(
    limiter(kind),
    userId,
    (seconds) => `Too many wrong attempts at the ${WHAT[kind]}. Retry in ${seconds} s.`,
  );
}

/** As consumeSecretCheck, answering false instead of throwing (sign-in answers every refusal alike). */
export async function trySecretCheck(kind: SecretKind, userId: string): Promise<boolean> {
  try {
    await consumeSecretCheck(kind, userId);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return false;
    throw error;
  }
}

/** The secret was right: the budget starts again. */
export async function secretCheckPassed(kind: SecretKind, userId: string) {
  await limiter(kind).delete(userId);
}
