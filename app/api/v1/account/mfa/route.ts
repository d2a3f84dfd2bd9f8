// My two-factor status.
import { route } from "@/lib/http/route.ts";
import { mfaRequiredFor, recoveryCodesLeft } from "@/lib/users/mfa.ts";

export const GET = route({ authenticated: true }, async ({ principal, db }) => {
  const user = await db.user.findUniqueOrThrow({
    where: { id: principal.id },
    include: { roles: { include: { role: true } } },
  });
  return {
    enabled: Boolean(user.mfaEnabledAt),
    enabledAt: user.mfaEnabledAt?.toISOString() ?? null,
    /** Whether the user's roles require MFA (an enrolled user may still keep it when they do not). */
    required: mfaRequiredFor(
      user.roles.map((r) => r.role),
      user.mfaRequired,
    ),
    recoveryCodesLeft: user.mfaEnabledAt ? await recoveryCodesLeft(db, user.id) : 0,
  };
});
