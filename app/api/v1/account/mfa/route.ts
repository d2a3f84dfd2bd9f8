// My two-factor status.
import { prisma } from "@/lib/db/index.ts";
import { route } from "@/lib/http/route.ts";
import { recoveryCodesLeft } from "@/lib/users/mfa.ts";

export const GET = route({ authenticated: true }, async ({ principal }) => {
  const user = await prisma().user.findUniqueOrThrow({ where: { id: principal!.id } });
  return {
    enabled: Boolean(user.mfaEnabledAt),
    enabledAt: user.mfaEnabledAt?.toISOString() ?? null,
    required: principal!.setup.includes("mfa_enrollment") || Boolean(user.mfaEnabledAt),
    recoveryCodesLeft: user.mfaEnabledAt ? await recoveryCodesLeft(prisma(), user.id) : 0,
  };
});
