// My two-factor status.
import { prisma } from "@/lib/db/index.ts";
import { route } from "@/lib/http/route.ts";
import { mfaRequiredFor, recoveryCodesLeft } from "@/lib/users/mfa.ts";

export const GET = route({ authenticated: true }, async ({ principal }) => {
  const user = await prisma().user.findUniqueOrThrow({
    where: { id: principal!.id },
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
    recoveryCodesLeft: user.mfaEnabledAt ? await recoveryCodesLeft(prisma(), user.id) : 0,
  };
});
